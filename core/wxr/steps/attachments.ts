/**
 * Attachments are files WordPress serves: their details and original URL are kept (as origins,
 * since the media library has no entry for a file not yet here), and content keeps pointing at
 * the original URL until `guild import media` fetches the files and rewrites the URLs (see
 * fetch.ts); once fetched, a later import shows the copies here.
 */
import { htmlToText } from '../../content/index.ts';
import { count } from '../report.ts';
import { digest, type ImportRun } from '../run.ts';
import { resolveDate } from '../dates.ts';

export async function importAttachments(run: ImportRun): Promise<void> {
  for (const item of run.doc.items) {
    if (item.type !== 'attachment') continue;
    const meta = Object.fromEntries(item.meta.map((entry) => [entry.key, entry.value]));
    const details = {
      url: item.attachmentUrl || item.guid,
      title: htmlToText(item.title),
      alt: meta._wp_attachment_image_alt ?? '',
      caption: htmlToText(item.excerpt),
      description: item.content,
      parent: item.parent,
      menuOrder: item.menuOrder,
      file: meta._wp_attached_file ?? '',
      link: item.link,
      date: resolveDate(item.date, item.dateGmt, run.options.timezone)?.iso ?? null,
    };
    const hash = digest(details);
    const origin = await run.origin('attachment', item.id);
    const localUrl = typeof origin?.data.localUrl === 'string' ? origin.data.localUrl : null;
    run.attachments.set(item.id, { id: item.id, url: details.url, title: details.title, alt: details.alt, caption: details.caption, parent: item.parent, menuOrder: item.menuOrder, localUrl });
    if (item.link && details.url) run.links.add(item.link, localUrl ?? details.url);
    if (localUrl && details.url) run.files.add(details.url, localUrl);
    if (origin?.data.hash === hash) {
      count(run.report, 'attachments', 'unchanged');
    } else {
      await run.remember('attachment', item.id, null, { ...details, hash, localUrl });
      count(run.report, 'attachments', origin ? 'updated' : 'created');
    }
    run.step();
  }
}
