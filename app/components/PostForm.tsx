import { Form, type FormProps } from '@remix-run/react'
import { useRootData } from '~/lib/ui'

/** The form-token field (app/models/csrf.server.ts) every writing form carries. */
export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useRootData().csrf} />
}

/** A `<Form method="post">` with the form token inside: every write in the app goes through one. */
export function PostForm({ children, ...props }: Omit<FormProps, 'method'>) {
  return (
    <Form method="post" {...props}>
      <CsrfField />
      {children}
    </Form>
  )
}
