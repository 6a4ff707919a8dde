/**
 * The browser harness page: the ownership console as the app page hosts it, plus the toasts that
 * Lightning Experience would show for lightning/platformShowToastEvent.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import OwnershipConsole from 'c/ownershipConsole';

// The page shell, not a component: it owns the document.
// eslint-disable-next-line @lwc/lwc/no-document-query
const toasts = document.getElementById('toasts');
document.addEventListener('lightning__showtoast', (event) => {
  const { title, message, variant } = event.detail;
  const toast = document.createElement('div');
  toast.className = `slds-notify slds-notify_toast slds-theme_${variant === 'error' ? 'error' : variant === 'success' ? 'success' : 'info'}`;
  toast.setAttribute('role', 'status');
  const text = document.createElement('h2');
  text.className = 'slds-text-heading_small';
  text.textContent = message ? `${title} ${message}` : title;
  toast.appendChild(text);
  toasts.appendChild(toast);
  window.__harness = window.__harness ?? {};
  window.__harness.toasts = [...(window.__harness.toasts ?? []), event.detail];
});

const element = createElement('c-ownership-console', { is: OwnershipConsole });
// eslint-disable-next-line @lwc/lwc/no-document-query
document.getElementById('app').appendChild(element);
