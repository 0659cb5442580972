/**
 * A local S3-compatible server (s3rver, a devDependency) with one bucket, started by the test that
 * needs it: no network, no credentials. LanceDB reaches it through its object-store options.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

export interface LocalS3 {
  /** Where a store goes: s3://casebook/<prefix>. */
  uri(prefix: string): string
  storageOptions: Record<string, string>
  /** LANCEDB_URI and LANCEDB_STORAGE_OPTIONS for a child process. */
  env(prefix: string): Record<string, string>
  /** The server's files on disk (bucket/key…), to see what was written. */
  directory: string
  stop(): Promise<void>
}

export async function startS3(): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'casebook-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'casebook', configs: [] }] })
  const { port } = await server.run()
  // s3rver takes any request signed with its fixed key pair.
  const storageOptions = {
    aws_endpoint: `http://127.0.0.1:${port}`,
    allow_http: 'true',
    aws_access_key_id: 'S3RVER',
    aws_secret_access_key: 'S3RVER',
    aws_region: 'us-east-1',
  }
  const uri = (prefix: string) => `s3://casebook/${prefix}`
  return {
    uri,
    storageOptions,
    env: (prefix) => ({ LANCEDB_URI: uri(prefix), LANCEDB_STORAGE_OPTIONS: JSON.stringify(storageOptions) }),
    directory,
    stop: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
