/**
 * The operator login page: a form that sends the key as a bearer header to
 * POST /admin/session (the key goes in no URL and no form field the browser
 * might remember), then goes to the dashboard. Script in a file of its own,
 * so the page's CSP can forbid inline script.
 */
export const LOGIN_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factledger · operator login</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; }
  input, button { font: inherit; padding: .4rem .6rem; }
  input { width: 100%; box-sizing: border-box; margin: .3rem 0 1rem; }
  #status { min-height: 1.5em; color: #a00; }
</style>
<script src="/admin/login.js" defer></script>
</head>
<body>
<h1>Operator login</h1>
<p>An API key with the <code>admin</code> role opens a session for the queue dashboard.
It lasts a short while; <code>npm start</code> writes a local admin key to <code>.data/admin-key</code>.</p>
<form id="login">
  <label for="key">API key</label>
  <input id="key" name="key" type="password" autocomplete="off" required placeholder="flk_…">
  <button type="submit">Log in</button>
  <button type="button" id="logout">Log out</button>
</form>
<p id="status" role="status"></p>
</body>
</html>
`;

export const LOGIN_JS = `'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const status = document.getElementById('status');
  const next = new URLSearchParams(location.search).get('next');
  const target = next && next.startsWith('/admin/') && !next.startsWith('//') ? next : '/admin/queues';
  document.getElementById('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = document.getElementById('key').value.trim();
    const response = await fetch('/admin/session', { method: 'POST', headers: { authorization: 'Bearer ' + key }, credentials: 'same-origin' });
    if (response.ok) { location.assign(target); return; }
    const problem = await response.json().catch(() => ({}));
    status.textContent = problem.detail || 'Login failed (' + response.status + ')';
  });
  document.getElementById('logout').addEventListener('click', async () => {
    const response = await fetch('/admin/logout', { method: 'POST', credentials: 'same-origin' });
    status.textContent = response.ok ? 'Logged out.' : 'Logout failed (' + response.status + ')';
  });
});
`;

export const LOGIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
