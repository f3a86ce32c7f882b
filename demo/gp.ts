/**
 * The GP's page: the portal answers an unknown exam code with this page again and an error name
 * in the address (never the code); the message is shown, then the address is cleaned.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  'code-inconnu': 'Identifiant inconnu : vérifiez la saisie (les tirets sont facultatifs).',
};

const error = new URLSearchParams(location.search).get('erreur');
const output = document.getElementById('code-error');
if (error !== null && output) {
  output.textContent = MESSAGES[error] ?? 'L’examen n’a pas pu être ouvert.';
  history.replaceState(null, '', location.pathname);
}
