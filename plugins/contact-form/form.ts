/** The form's markup: plain HTML that works without script, with a honeypot field people never see. */
import { escapeHtml } from '@guild/sdk';

/** Bots fill every field; people never see this one, so a message with it filled is spam. */
export const HONEYPOT = 'website';

export interface FormValues {
  readonly name?: string;
  readonly email?: string;
  readonly message?: string;
}

/**
 * A plain look for any theme: labels above full-width fields in the theme's own font and colours.
 * Inside :where(), so any rule of the theme's about the form wins over it.
 */
const STYLE = `<style>
:where(.contact-form) { display: grid; gap: 1.1rem; max-width: 36rem; margin: 1.5rem 0; }
:where(.contact-form p) { margin: 0; }
:where(.contact-form label) { display: block; font-weight: 600; margin-bottom: 0.3rem; }
:where(.contact-form input, .contact-form textarea) { display: block; box-sizing: border-box; width: 100%; padding: 0.6rem 0.75rem; font: inherit; color: inherit; background: transparent; border: 1px solid currentColor; border-radius: 6px; }
:where(.contact-form button) { font: inherit; font-weight: 600; padding: 0.65rem 1.4rem; border: 0; border-radius: 6px; color: #fff; background: var(--accent, #333); cursor: pointer; }
:where(.contact-form-error) { display: block; margin-top: 0.3rem; color: #b3261e; font-size: 0.9em; }
</style>`;

export function formHtml(action: string, returnTo: string, values: FormValues = {}, errors: Readonly<Record<string, string>> = {}): string {
  const error = (field: string) => (errors[field] ? `<span class="contact-form-error" id="contact-${field}-error">${escapeHtml(errors[field])}</span>` : '');
  const described = (field: string) => (errors[field] ? ` aria-invalid="true" aria-describedby="contact-${field}-error"` : '');
  return `${STYLE}<form class="contact-form" method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="return" value="${escapeHtml(returnTo)}">
  <p><label for="contact-name">Name</label><input id="contact-name" name="name" required maxlength="100" autocomplete="name" value="${escapeHtml(values.name ?? '')}"${described('name')}>${error('name')}</p>
  <p><label for="contact-email">Email</label><input id="contact-email" name="email" type="email" required maxlength="200" autocomplete="email" value="${escapeHtml(values.email ?? '')}"${described('email')}>${error('email')}</p>
  <p><label for="contact-message">Message</label><textarea id="contact-message" name="message" required maxlength="5000" rows="6"${described('message')}>${escapeHtml(values.message ?? '')}</textarea>${error('message')}</p>
  <p class="contact-form-trap" aria-hidden="true" style="position:absolute;left:-10000px"><label for="contact-${HONEYPOT}">Leave this empty</label><input id="contact-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></p>
  <p><button type="submit">Send</button></p>
</form>`;
}

/** What is wrong with a submission, by field; empty when it may be sent. */
export function problems(values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name?.trim()) errors.name = 'Please tell us your name.';
  else if (values.name.length > 100) errors.name = 'Please keep your name under 100 characters.';
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = 'Please give an email address we can answer, like ada@example.com.';
  if (!values.message?.trim()) errors.message = 'Please write a message.';
  else if (values.message.length > 5000) errors.message = 'Please keep your message under 5,000 characters.';
  return errors;
}
