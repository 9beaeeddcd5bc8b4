/** Saves text as a file through the browser's download (the file never goes through a server). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Freed a minute later, not at once: a browser still reading the blob when it is revoked
  // drops the download (FileSaver.js waits 40 s for the same reason).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
