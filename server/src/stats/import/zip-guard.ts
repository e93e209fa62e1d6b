import yauzl from 'yauzl';

/** Largest total the workbook's parts may expand to. A real statistics sheet of 10,000 rows is about 2 MB. */
export const MAX_EXPANDED = 40 * 1024 * 1024;
const MAX_ENTRIES = 400;

export class FileRefused extends Error {}

/**
 * Checks an XLSX (a zip) before any spreadsheet code opens it: no macros (an
 * .xlsm renamed .xlsx still carries xl/vbaProject.bin), a bounded number of
 * parts, and a bounded expanded size, counted while inflating (yauzl checks
 * each part's real size against the size it declares, so a zip bomb that lies
 * about its sizes is caught too, at the cap, not after filling memory).
 */
export async function guardZip(buf: Buffer): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err || !z ? reject(new FileRefused(`not a readable .xlsx file (${err?.message ?? 'no zip'})`)) : resolve(z),
    ),
  );
  let entries = 0;
  let expanded = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => reject(e instanceof FileRefused ? e : new FileRefused(`not a readable .xlsx file (${e.message})`));
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (++entries > MAX_ENTRIES) return fail(new FileRefused(`the file has more than ${MAX_ENTRIES} parts; it is not a sheet this server loads`));
        if (/vbaProject\.bin$/i.test(name) || /^xl\/.*\.bin$/i.test(name) && !/printerSettings/i.test(name)) {
          return fail(new FileRefused('macro-enabled workbooks are not accepted: save the sheet as a plain .xlsx workbook'));
        }
        if (expanded + entry.uncompressedSize > MAX_EXPANDED) {
          return fail(new FileRefused(`the file expands to more than ${MAX_EXPANDED / 1024 / 1024} MB; it is not a sheet this server loads`));
        }
        if (name.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return fail(err ?? new Error('unreadable part'));
          let text = name === '[Content_Types].xml' ? '' : null;
          stream.on('data', (chunk: Buffer) => {
            expanded += chunk.length;
            if (text !== null) text += chunk.toString('utf8');
            if (expanded > MAX_EXPANDED) {
              stream.destroy();
              fail(new FileRefused(`the file expands to more than ${MAX_EXPANDED / 1024 / 1024} MB; it is not a sheet this server loads`));
            }
          });
          stream.on('error', fail);
          stream.on('end', () => {
            if (text !== null && /macroEnabled/i.test(text)) {
              return fail(new FileRefused('macro-enabled workbooks are not accepted: save the sheet as a plain .xlsx workbook'));
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
