// A foreign libp2p peer (js-libp2p: TCP, Noise, yamux, identify, ping) for
// the tests of issue 15: it dials one multiaddr, pings it and waits for
// identify, then prints one JSON line:
//   {"connected":bool,"error":string,"pingMs":number|null,"pingError":string,
//    "identified":bool,"protocols":[...],"agent":string}
// and exits 0 (the caller judges). Usage: node dial.mjs /ip4/127.0.0.1/tcp/N/p2p/ID [timeoutMs]
// The Go test TestForeignJSPeerGetsNoAnswer installs the pinned packages
// (npm ci) into a copy of this folder and runs it.
if (typeof Promise.withResolvers !== 'function') {
  // Node 20 lacks it; js-libp2p 3 uses it.
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
const { createLibp2p } = await import('libp2p');
const { tcp } = await import('@libp2p/tcp');
const { noise } = await import('@chainsafe/libp2p-noise');
const { yamux } = await import('@chainsafe/libp2p-yamux');
const { identify } = await import('@libp2p/identify');
const { ping } = await import('@libp2p/ping');
const { multiaddr } = await import('@multiformats/multiaddr');

const target = multiaddr(process.argv[2]);
const timeoutMs = Number(process.argv[3] || 5000);
const out = { connected: false, error: '', pingMs: null, pingError: '', identified: false, protocols: [], agent: '' };
const node = await createLibp2p({
  addresses: { listen: [] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), ping: ping() },
});
const identified = new Promise((resolve) => {
  node.addEventListener('peer:identify', (evt) => resolve(evt.detail));
});
try {
  await node.dial(target, { signal: AbortSignal.timeout(timeoutMs) });
  out.connected = true;
} catch (err) {
  out.error = String(err?.message || err);
}
if (out.connected) {
  try {
    out.pingMs = await node.services.ping.ping(target, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    out.pingError = String(err?.message || err);
  }
  const id = await Promise.race([identified, new Promise((r) => setTimeout(() => r(null), timeoutMs))]);
  if (id) {
    out.identified = true;
    out.protocols = id.protocols ?? [];
    out.agent = id.agentVersion ?? '';
  }
}
await node.stop();
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
