// Type-checks the package's declarations as a portal developer would use them; the
// `@ts-expect-error` lines prove the types refuse what the widget refuses.
import init, { defineElement, mount, mountAll, type MountOptions, type RemovedDetail } from '../../dist/pkg/zitadel-mfa-manager.js';

await init();
defineElement();
mountAll();

const options: MountOptions = {
  apiBaseUrl: 'https://id.example.com',
  getToken: async () => 'token',
  kinds: ['passkey', 'u2f'],
  locale: 'de-CH',
  theme: 'dark',
  showDetails: false,
  timeoutMs: 5000,
  i18nBaseUrl: '/assets/mfa-i18n/',
  maxAuthAge: 300,
  authTime: 1764460800,
  reauthenticate: async () => ({ accessToken: 'fresh', authTime: 1764461000 }),
};
const handle = mount(document.createElement('div'), options);
handle.refresh();
handle.unmount();

// @ts-expect-error: not a theme
mount(document.createElement('div'), { theme: 'purple' });
// @ts-expect-error: not a kind
mount(document.createElement('div'), { kinds: ['password'] });
// @ts-expect-error: the token function returns a string
mount(document.createElement('div'), { getToken: () => 42 });
// @ts-expect-error: reauthenticate hands over the sign-in time too
mount(document.createElement('div'), { reauthenticate: async () => ({ accessToken: 'fresh' }) });

const element = document.createElement('zitadel-mfa-manager');
element.getToken = () => Promise.resolve('token');
element.refresh();
element.addEventListener('zitadel-mfa-removed', (event) => {
  const detail: RemovedDetail = event.detail;
  // null when ZITADEL's answer was lost and a fresh list showed the removal.
  const sequence: number | undefined = detail.details?.sequence;
  console.log(detail.kind, detail.id, sequence);
});
element.addEventListener('zitadel-mfa-before-remove', (event) => {
  if (event.detail.kind === 'passkey') event.preventDefault();
  event.detail.waitUntil(Promise.resolve(true));
  // @ts-expect-error: waitUntil takes a promise
  event.detail.waitUntil(true);
});
element.addEventListener('zitadel-mfa-error', (event) => {
  const id: string | null = event.detail.errorId;
  // @ts-expect-error: the error never carries the token
  console.log(id, event.detail.token);
});
