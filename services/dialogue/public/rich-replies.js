/*
 * Bot replies that carry data rather than text: files (download links), images, locations and JSON values.
 * Files and images become object URLs, revoked when the conversation is reset.
 */
import { element } from './dom.js';

const objectUrls = [];

export function revokeObjectUrls() {
  for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
}

export function fileLink(file) {
  const url = objectUrl(file, 'application/octet-stream'); // never rendered by the browser, only downloaded
  if (!url) return `${safeName(file)} (the file could not be read)`;
  const link = element('a', 'file', `Download ${safeName(file)}`);
  link.href = url;
  link.download = safeName(file);
  return link;
}

export function image(file) {
  const type = file && typeof file.type === 'string' ? file.type : '';
  const url = type.startsWith('image/') ? objectUrl(file, type) : null;
  if (!url) return fileLink(file);
  const img = element('img', 'image');
  img.src = url;
  img.alt = safeName(file);
  return img;
}

function objectUrl(file, type) {
  try {
    const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    objectUrls.push(url);
    return url;
  } catch {
    return null;
  }
}

function safeName(file) {
  return file && typeof file.name === 'string' && file.name !== '' ? file.name : 'file';
}

export function locationLink(place) {
  const lat = Number(place && place.latitude);
  const lon = Number(place && place.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return 'A location the page cannot show.';
  const link = element('a', 'location', `Location: ${lat}, ${lon}`);
  link.href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=14/${lat}/${lon}`;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  return link;
}

export function jsonBlock(value) {
  const pre = element('pre', 'json');
  pre.append(element('code', '', JSON.stringify(value, null, 2)));
  return pre;
}
