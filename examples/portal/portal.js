// An example portal embedding the MFA manager: the package, a token function, the
// element's events, and language and theme switches.
import init, { defineElement } from '../pkg/zitadel-mfa-manager.js';

// The portal's own backend hands out the signed-in user's ZITADEL access token. The
// widget asks again once when ZITADEL answers 401.
async function getToken() {
  const response = await fetch('/portal/session', { cache: 'no-store' });
  if (!response.ok) throw new Error(`the portal session answered ${response.status}`);
  return (await response.json()).accessToken;
}

await init();
defineElement();

const widget = document.querySelector('zitadel-mfa-manager');
widget.getToken = getToken;

const events = document.querySelector('#events');
function record(name, text) {
  const item = document.createElement('li');
  item.dataset.event = name;
  item.textContent = text;
  events.prepend(item);
}

widget.addEventListener('zitadel-mfa-before-remove', (event) => {
  const { kind, name } = event.detail;
  if (document.querySelector('#freeze').checked) {
    event.preventDefault();
    record('vetoed', `Vetoed: ${kind} “${name}”`);
    return;
  }
  record('before-remove', `Asked to remove ${kind} “${name}”`);
  if (document.querySelector('#ask').checked) event.detail.waitUntil(askOwnQuestion(name));
});

// The portal's own question, in the top layer above the widget's modal dialog.
function askOwnQuestion(name) {
  const question = document.querySelector('#question');
  question.querySelector('#question-text').textContent =
    `Your security team logs every change. Remove “${name}” anyway?`;
  question.returnValue = '';
  question.showModal();
  return new Promise((answer) => {
    question.addEventListener('close', () => {
      const yes = question.returnValue === 'yes';
      record('answered', `The portal's question: ${yes ? 'yes' : 'no'}`);
      answer(yes);
    }, { once: true });
  });
}
widget.addEventListener('zitadel-mfa-removed', (event) => {
  const { kind, name, details } = event.detail;
  const change = details ? `change ${details.sequence}, ${details.changeDate ?? 'no date'}` : 'answer lost, confirmed by the list';
  record('removed', `Removed ${kind} “${name}” (${change})`);
});
widget.addEventListener('zitadel-mfa-error', (event) => {
  const { doing, kind, status, errorId } = event.detail;
  record('error', `Error while ${doing === 'load' ? 'loading' : 'removing'}: ${kind} ${status ?? ''} ${errorId ?? ''}`.trim());
});

document.querySelector('#language').addEventListener('change', (event) => {
  widget.setAttribute('locale', event.target.value);
});
document.querySelector('#theme').addEventListener('change', (event) => {
  widget.setAttribute('theme', event.target.value);
  document.documentElement.dataset.theme = event.target.value;
});
