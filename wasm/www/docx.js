// Reads the text of a .docx file in the browser: the ZIP container with the platform's
// DecompressionStream, word/document.xml with DOMParser. One Word paragraph becomes one line, with
// a blank line between paragraphs (the layout of the plain-text drafts, which the structure parser
// reads best). Deleted text of tracked changes (w:delText) is left out, inserted text kept.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function u16(view, at) { return view.getUint16(at, true); }
function u32(view, at) { return view.getUint32(at, true); }

/** Finds one file in a ZIP archive and returns its bytes (stored or deflated). */
async function unzipEntry(bytes, wanted) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(view, i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('keine gültige .docx-Datei (ZIP-Verzeichnis fehlt)');
  const count = u16(view, eocd + 10);
  let p = u32(view, eocd + 16);
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (u32(view, p) !== 0x02014b50) break;
    const method = u16(view, p + 10);
    const size = u32(view, p + 20);
    const nameLen = u16(view, p + 28);
    const extraLen = u16(view, p + 30);
    const commentLen = u16(view, p + 32);
    const local = u32(view, p + 42);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (name === wanted) {
      const start = local + 30 + u16(view, local + 26) + u16(view, local + 28);
      const data = bytes.subarray(start, start + size);
      if (method === 0) return data;
      if (method !== 8) throw new Error(`Kompressionsverfahren ${method} wird nicht unterstützt`);
      const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`keine gültige .docx-Datei (${wanted} fehlt)`);
}

function paragraphText(p) {
  let out = '';
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType !== 1) continue;
      if (child.namespaceURI === W) {
        switch (child.localName) {
          case 't': out += child.textContent; continue;
          case 'tab': out += ' '; continue;
          case 'br': case 'cr': out += '\n'; continue;
          case 'noBreakHyphen': out += '-'; continue;
          case 'del': case 'delText': case 'instrText': case 'pPr': case 'rPr': continue;
          case 'p': continue; // nested paragraphs (text boxes) are read on their own
          default: break;
        }
      }
      walk(child);
    }
  };
  walk(p);
  return out.trim();
}

/** The plain text of a .docx file given as bytes. */
export async function docxText(bytes) {
  const xml = new TextDecoder().decode(await unzipEntry(bytes, 'word/document.xml'));
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new Error('word/document.xml ist fehlerhaft');
  const lines = [];
  for (const p of doc.getElementsByTagNameNS(W, 'p')) {
    const text = paragraphText(p);
    if (text) lines.push(text);
  }
  return lines.join('\n\n') + '\n';
}
