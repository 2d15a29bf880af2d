// QR codes drawn in the page (the qrcode package, bundled, loaded only when
// a code is first drawn): an enrolment text for a child device's camera. A
// module of its own so tests can mock it.

/** An SVG image of `text` as a data: URL for an <img>. */
export async function qrDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
