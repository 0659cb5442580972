export default function Index() {
  return (
    <main>
      <h1>Casebook 案例库</h1>
    </main>
  )
}
