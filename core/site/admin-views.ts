/**
 * Plugins describe admin pages and settings as data (see the SDK's AdminView and FormField).
 * Here a settings schema becomes form fields, and a view becomes plain, escaped HTML with its
 * chart drawn as SVG on the server, for an admin (or a test) that wants markup rather than JSON.
 */
import type { AdminBlock, AdminView, FormField } from '../sdk/admin.ts';
import { escapeHtml } from '../sdk/text.ts';

interface PropertySchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

/** The form fields for a plugin's settings schema, in the schema's order. */
export function settingsForm(schema: { properties: Readonly<Record<string, unknown>>; required?: readonly string[] }): FormField[] {
  return Object.entries(schema.properties).map(([name, raw]) => {
    const property = raw as PropertySchema;
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    const field: { -readonly [K in keyof FormField]: FormField[K] } = {
      name,
      label: property.title ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (char) => char.toUpperCase()),
      type: property.enum
        ? 'select'
        : type === 'boolean'
          ? 'checkbox'
          : type === 'integer' || type === 'number'
            ? 'number'
            : property.format === 'email'
              ? 'email'
              : property.format === 'uri'
                ? 'url'
                : (property.maxLength ?? 0) > 200
                  ? 'textarea'
                  : 'text',
    };
    if (schema.required?.includes(name)) field.required = true;
    if (property.description) field.help = property.description;
    if (property.enum) field.options = property.enum.map(String);
    if (property.minimum !== undefined) field.min = property.minimum;
    if (property.maximum !== undefined) field.max = property.maximum;
    if (property.maxLength !== undefined) field.maxLength = property.maxLength;
    if (property.pattern !== undefined) field.pattern = property.pattern;
    return field;
  });
}

/** A view as HTML; links and form targets are resolved against `base` (the plugin's admin root). */
export function renderAdminView(title: string, view: AdminView, base: string): string {
  return `<section class="plugin-admin"><h1>${escapeHtml(title)}</h1>\n${view.blocks.map((block) => renderBlock(block, base)).join('\n')}\n</section>`;
}

function renderBlock(block: AdminBlock, base: string): string {
  switch (block.type) {
    case 'text':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'stats':
      return `<dl class="stats">${block.items.map((item) => `<div><dt>${escapeHtml(item.label)}</dt><dd>${escapeHtml(item.value)}</dd></div>`).join('')}</dl>`;
    case 'table':
      if (block.rows.length === 0) return `<p class="empty">${escapeHtml(block.empty ?? 'Nothing yet.')}</p>`;
      return `<table><thead><tr>${block.columns.map((column) => `<th>${escapeHtml(column.label)}</th>`).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${block.columns.map((column) => `<td>${escapeHtml((row as Record<string, unknown>)[column.key])}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'form':
      return `<form method="post" action="${escapeHtml(`${base}${block.action.path}`)}" data-method="${block.action.method}">${block.title ? `<h2>${escapeHtml(block.title)}</h2>` : ''}${block.fields
        .map((field) => renderField(field, block.values?.[field.name]))
        .join('')}<button type="submit">${escapeHtml(block.submit ?? 'Save')}</button></form>`;
    case 'chart':
      return barChart(block.title, block.series);
    case 'link':
      return `<p><a href="${escapeHtml(`${base}${block.path}`)}"${block.download ? ' download' : ''}>${escapeHtml(block.label)}</a></p>`;
  }
}

function renderField(field: FormField, value: unknown): string {
  const id = `field-${field.name}`;
  const required = field.required ? ' required' : '';
  const help = field.help ? `<small>${escapeHtml(field.help)}</small>` : '';
  let control: string;
  if (field.type === 'textarea' || field.type === 'html') control = `<textarea id="${id}" name="${escapeHtml(field.name)}"${required}>${escapeHtml(value ?? '')}</textarea>`;
  else if (field.type === 'select') control = `<select id="${id}" name="${escapeHtml(field.name)}"${required}>${(field.options ?? []).map((option) => `<option${option === String(value) ? ' selected' : ''}>${escapeHtml(option)}</option>`).join('')}</select>`;
  else if (field.type === 'checkbox') control = `<input id="${id}" type="checkbox" name="${escapeHtml(field.name)}" value="true"${value === true ? ' checked' : ''}>`;
  else {
    const type = field.type === 'image' ? 'url' : field.type;
    const limits = `${field.min !== undefined ? ` min="${field.min}"` : ''}${field.max !== undefined ? ` max="${field.max}"` : ''}${field.maxLength !== undefined ? ` maxlength="${field.maxLength}"` : ''}`;
    control = `<input id="${id}" type="${type}" name="${escapeHtml(field.name)}" value="${escapeHtml(value ?? '')}"${limits}${required}>`;
  }
  return `<p><label for="${id}">${escapeHtml(field.label)}</label>${control}${help}</p>`;
}

/** A bar chart as SVG, one bar per point, labelled below (every few when there are many). */
export function barChart(title: string, series: readonly { readonly label: string; readonly value: number }[]): string {
  const width = 640;
  const height = 200;
  const top = 20;
  const bottom = 30;
  const max = Math.max(1, ...series.map((point) => point.value));
  const step = series.length ? width / series.length : width;
  const every = Math.max(1, Math.ceil(series.length / 10));
  const bars = series
    .map((point, index) => {
      const barHeight = Math.round(((height - top - bottom) * point.value) / max);
      const x = Math.round(index * step + step * 0.15);
      const y = height - bottom - barHeight;
      const label = index % every === 0 ? `<text x="${Math.round(index * step + step / 2)}" y="${height - 10}" text-anchor="middle" font-size="10">${escapeHtml(point.label)}</text>` : '';
      return `<rect x="${x}" y="${y}" width="${Math.max(1, Math.round(step * 0.7))}" height="${barHeight}" fill="#2563eb"><title>${escapeHtml(point.label)}: ${point.value}</title></rect>${label}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><text x="0" y="12" font-size="12">${escapeHtml(title)} (max ${max})</text>${bars}</svg>`;
}
