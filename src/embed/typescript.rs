//! The TypeScript declarations of the JavaScript surface, emitted into the package's
//! `.d.ts` beside the generated ones.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A kind of factor, as options and events name it. */
export type FactorKind = "passkey" | "u2f" | "totp" | "otp_sms" | "otp_email" | "idp_link";

/** Options of `mount()`; the custom element takes the same as kebab-case attributes. */
export interface MountOptions {
  /** ZITADEL's origin (and path prefix); empty or absent: the page's own origin. */
  apiBaseUrl?: string;
  /** A bearer access token. Kept in memory only. */
  accessToken?: string;
  /**
   * Hands out an access token: asked first when there is no `accessToken`, and again
   * once after ZITADEL answers 401 (the refused call is then sent once more).
   * Concurrent refusals share one call.
   */
  getToken?: () => string | Promise<string>;
  /** Administer another user (admin mode) instead of the signed-in one. */
  userId?: string;
  /** The organization acted in (sent as `x-zitadel-orgid`). */
  orgId?: string;
  /** The API used for another user: `management` (default) or `v2`. */
  api?: "management" | "v2";
  /** Also show the organization's login settings (second-factor types). */
  orgSettings?: boolean;
  /** en, de, fr, it, es or ja (a region such as `de-CH` keeps its date format); default: the browser's. */
  locale?: string;
  /** Which kinds to show (all by default). Removal warnings still count every kind. */
  kinds?: FactorKind[] | string;
  /** Show ZITADEL's details (change number, date, organization) after a removal. Default true. */
  showDetails?: boolean;
  /** Follow the system (`auto`, default) or force `light` or `dark`. */
  theme?: "auto" | "light" | "dark";
  /** Each call's time limit in ms (1000 to 120000), also for `getToken()`. Default 15000. */
  timeoutMs?: number;
  /**
   * Which of ZITADEL's logins the organization signs in with: `v1` (the hosted login) or
   * `v2` (Login V2, the default of new v4 instances). Removal warnings follow its rules;
   * without it a way in counts only if it works with both, and the dialog says when the
   * two disagree.
   */
  loginUi?: "v1" | "v2";
  /** Where the language files are (`<url>/de.json`, relative to the page). Default: the package's `i18n/` folder. */
  i18nBaseUrl?: string;
  /** A removal needs a sign-in no older than this many seconds (off when absent). */
  maxAuthAge?: number;
  /** When the current sign-in happened (seconds since 1970, the ID token's `auth_time`). */
  authTime?: number;
  /**
   * A fresh sign-in for a removal the sign-in is too old for: resolves to the new token
   * and its `authTime`. Nothing is sent before it resolves; the user then confirms again.
   */
  reauthenticate?: () => Promise<{ accessToken: string; authTime: number }>;
}

/** What an event is about. */
export interface RemovalSubject {
  /** A factor kind, or `second_factor_type` / `multi_factor_type` for the org settings. */
  kind: FactorKind | "second_factor_type" | "multi_factor_type";
  /** The factor's id (passkeys, U2F), `idpId:linkedUserId` (idp_link) or the type's wire name; null for OTP kinds. */
  id: string | null;
  /** The name shown to the user. */
  name: string;
}

/** ZITADEL's answer to a removal. */
export interface ChangeDetails {
  sequence: number;
  changeDate: string | null;
  resourceOwner: string | null;
}

/** `zitadel-mfa-before-remove`. */
export interface BeforeRemoveDetail extends RemovalSubject {
  /**
   * Holds the removal until `decision` settles: it goes ahead unless the promise
   * resolves to `false` or rejects. Call it while the event is dispatched. The question
   * should use the top layer (`<dialog>.showModal()`), since the widget's dialog is modal.
   */
  waitUntil(decision: Promise<boolean | void>): void;
}

/** `zitadel-mfa-removed`. */
export interface RemovedDetail extends RemovalSubject {
  /** null when ZITADEL's answer was lost and a fresh list showed the factor gone. */
  details: ChangeDetails | null;
}

/** `zitadel-mfa-error`: the typed error, never the token. */
export interface ErrorDetail {
  doing: "load" | "remove";
  kind: "Unauthenticated" | "PermissionDenied" | "NotFound" | "RateLimited" | "Conflict"
    | "InvalidInput" | "Server" | "UnexpectedBody" | "Network" | "Timeout" | "NoToken"
    | "MfaRequired";
  status: number | null;
  /** The gRPC status code ZITADEL sent. */
  code: number | null;
  message: string;
  /** ZITADEL's error id, such as `COMMAND-Hd9sd`. */
  errorId: string | null;
}

/** The events the widget sends on its element; they bubble and cross shadow roots. */
export interface ZitadelMfaEventMap {
  /** Cancelable: `preventDefault()` vetoes the removal and nothing is sent. */
  "zitadel-mfa-before-remove": CustomEvent<BeforeRemoveDetail>;
  "zitadel-mfa-removed": CustomEvent<RemovedDetail>;
  "zitadel-mfa-error": CustomEvent<ErrorDetail>;
}

/** `<zitadel-mfa-manager>` after `defineElement()`. */
export interface ZitadelMfaManagerElement extends HTMLElement {
  /** Write-only: never reflected to an attribute. */
  accessToken: string | undefined;
  getToken: (() => string | Promise<string>) | null;
  /** Loads the factors (and the org settings) again. */
  refresh(): void;
  addEventListener<K extends keyof ZitadelMfaEventMap>(type: K,
    listener: (this: ZitadelMfaManagerElement, event: ZitadelMfaEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "zitadel-mfa-manager": ZitadelMfaManagerElement;
  }
  interface HTMLElementEventMap extends ZitadelMfaEventMap {}
}
"#;
