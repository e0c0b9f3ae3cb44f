export default function HomePage() {
  return (
    <section className="hero">
      <h1>Your account, done right</h1>
      <p className="lead">
        Create an account with your email address, confirm it from your inbox, and sign in securely. Reset a
        forgotten password by email and keep your profile up to date.
      </p>
      <ul className="feature-list">
        <li>Passwords are stored only as strong, salted hashes.</li>
        <li>Every emailed link works once and expires.</li>
        <li>You can see and end your sessions on other devices.</li>
      </ul>
    </section>
  );
}
