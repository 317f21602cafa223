/**
 * A WebSocket viewer in its own process, as a browser would be: `bun ws-client.ts PORT BYTES` connects to
 * ws://127.0.0.1:PORT, reads binary messages until BYTES arrived, and prints the seconds from its connect.
 */
const [port, bytes] = process.argv.slice(2).map(Number);
const t = performance.now();
const ws = new WebSocket(`ws://127.0.0.1:${port}`);
ws.binaryType = "arraybuffer";
let got = 0;
ws.onmessage = (e) => {
  got += (e.data as ArrayBuffer).byteLength;
  if (got < bytes!) return;
  console.log((performance.now() - t) / 1000);
  process.exit(0);
};
ws.onclose = () => {
  console.error(`closed after ${got} of ${bytes} bytes`);
  process.exit(1);
};
