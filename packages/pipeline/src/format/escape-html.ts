/** Text for HTML: posts are strangers' words, and statuses carry ticker names; never let them become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
