// Package syncproto is the sync protocol, /hoso/sync/1.0.0: the frames,
// the six messages, their order and every bound a reader enforces, byte by
// byte below, and the two sides of a session that speak it: the client's
// pull (client.go) and the server's answer (server.go, batcher.go), what a
// remote office may see (scope.go), the batch limits (limits.go) and the
// sync records a node keeps (local.go).
//
// It knows nothing of libp2p: a session runs over any Stream (an
// io.ReadWriter with a read deadline), so its tests run two real stores
// over net.Pipe. What a session needs from the node (its store, its chain,
// the trust records, the office tree, renewal, logging) it asks through
// the Local interface it defines, and it tells an Observer how it goes;
// package p2p implements both for a Syncer and opens the libp2p streams.
// Bundles (package p2p/bundle) write the same frames to a file with this
// package's Batcher and import them with its Commit.
//
// Changing any byte below is a new protocol version (ID's major);
// TestGoldenBytes holds one message of each type as it travels.
//
// # Numbers and strings
//
//	uvarint   encoding/binary's unsigned varint, MINIMAL form only: a
//	          reader refuses a longer encoding of the same number, so every
//	          message has exactly one byte form.
//	bytes     uvarint length | that many bytes; each field has its bound.
//	origin    32 bytes: the device's ed25519 public key (store.Origin).
//	mark      origin (32) | uvarint seq
//	marks     uvarint n (≤ MaxMarks = 65 536) | n × mark
//
// # Frames
//
// A stream is a run of frames, in both directions:
//
//	uvarint L | type (1) | payload (L − 1)
//
// with 1 ≤ L ≤ MaxFrame (4 MiB): a frame of length 0 or above the bound is
// a protocol error, refused before its bytes are read. A writer flushes
// each frame whole.
//
// # Messages
//
//	type  name   payload
//	0x01  Hello  bytes chain (≤ 4096: trust.Chain's encoding, or empty) |
//	             uvarint token | marks changed | uvarint clock | uvarint count
//	0x02  Marks  marks
//	0x03  Batch  uvarint no | marks vouch |
//	             uvarint c (≤ MaxCerts = 1024) | c × bytes chain (≤ 4096) |
//	             uvarint s (≤ 1024) | s × (origin (32) | signature (64)) |
//	             bytes events (zstd frame, ≤ MaxFrame) |
//	             bytes signatures (64 per event)
//	0x04  Ack    uvarint no
//	0x05  End    uvarint count
//	0x06  Fail   bytes code (≤ 64, ASCII) | bytes message (≤ 1024, UTF-8)
//
// A payload has no trailing bytes. Hello's clock is the sender's time in
// Unix milliseconds, as a uvarint of its int64 bits.
//
// A Batch's events field decompresses (zstd, window 1 MiB, at most
// MaxBatchRaw = 16 MiB) to
//
//	uvarint n (≤ store.MaxBatchEvents) | n × bytes unsigned event
//
// where an unsigned event is store's canonical event encoding without its
// last 64 bytes, the signature; the n signatures follow in the signatures
// field, uncompressed (zstd cannot shrink them), in the same order, so its
// length is exactly 64 × n. The reader joins each event to its signature
// and decodes it (store.DecodeEventOwned); the store checks signatures on
// ingest. The s batch signatures (store.BatchSig) are an origin's one
// signature over its events in this batch: the receiver checks that one
// instead of one per event.
//
// # A pull
//
// The client (the node pulling) opens the stream:
//
//	client → Hello{chain?, token, clock, count}
//	server → Hello{chain?, token = its write count now, changed, clock}   or Fail
//
// token is the server's write count at the client's last complete pull
// from it (0 at first contact, when the client also sends its chain; the
// server then sends its own). The server lists in changed each origin
// written since that token with its own mark of it, and may leave out an
// origin it knows wrote nothing since then that the client may see (a hub
// keeps a PlainIndex for this: a desk's hello names its own branch's
// devices, not every device of the province). An empty changed ends the
// pull: one round trip, nothing new. Otherwise:
//
//	client → Marks (its own mark of each origin in changed)
//	server → Batch no=1, Batch no=2, …   (at most 4 unacknowledged)
//	client → Ack no                       (for each batch, in order, once committed)
//	server → End{count}                   (after the last Ack)
//
// The client keeps End's count as its next token. The server sends up to
// Window (4) batches before it waits for the oldest one's Ack, so the
// client commits one while the next crosses the link; a batch holds at
// most BatchEvents events and BatchBytes of them, a size that grows with
// the rate the link acknowledges up to MaxBatchBytes (limits.go). The
// client reads, decompresses and checks the signatures of the next batch
// while it commits the current one.
//
// What the server sends: for each origin in changed, the events past the
// client's mark that the client's office may see (Scope): those its office
// or an office below it owns or was addressed, and reference data (the
// office tree, catalog, calendar, templates, report rules, settings and
// revocations) of the offices above it. A certificate record
// (cert/<peer>) reaches its device's branch of the tree only: the
// device's office, the offices below it and those above it, whoever
// issued it, so that a desk's first pull does not carry every commune's
// certificates. Everything else is hidden: a sibling commune's dossiers
// never leave the district. A subject the client sees only because it was
// addressed to it (a liên thông transfer) comes with its whole history,
// whatever the marks say.
//
// Chains: a Batch carries the chain of every device whose events it holds
// (the sender's ChainOf). The client verifies them before it stores
// anything (below) and, once the batch is committed, keeps those of
// devices it holds no certificate record of (Keeper; in p2p, a local
// record that never leaves the node): it needs them to pass the events
// on, as a commune relays a dossier transferred from another branch to
// its own desks, each batch again with the writer's chain.
//
// Who vouches: a batch vouches, per origin, for the sequence up to which
// the client now holds every event it may see, and the client records it
// as its mark (raised only, never lowered). The server vouches for every
// origin when it sees all the client may see (it is the client's office or
// above it), otherwise only for origins of its own office or below, all of
// whose events it holds. The client checks every batch before it stores
// anything: each chain it carries verifies, each event's device is
// certified for the event's office (an event written for another office is
// dropped alone and logged), the batch seals and every signature hold.
//
// A dropped stream loses at most the batches in flight: the next pull's
// Marks resume after the last committed one, and no batch the client
// acknowledged is sent again.
//
// Either side may send Fail instead of its next message and then end the
// stream; the codes are listed below (Code…). A peer that gets a code it
// does not know logs it: codes may be added without a new version.
//
// # Time
//
// Every read is bounded by a read deadline renewed before it (Conn, 60 s
// in p2p): a silent peer is dropped. The whole pull is bounded by its
// context in p2p. A session that fails resets its stream (Conn.Abort) and
// returns only once nothing of it runs.
package syncproto

// The codes a Fail message carries. Peers of every version send and accept
// these strings; a receiver only logs the code and maps it to its own
// failure (p2p.Failure), so a code added here is harmless to older peers.
const (
	// CodeProtocol: a malformed or out-of-order message.
	CodeProtocol = "protocol"
	// CodeUntrusted: the peer's chain does not verify, is revoked or is not
	// the peer's own.
	CodeUntrusted = "untrusted"
	// CodeRefused: the receiver would not store a batch (an event from a
	// device without a valid certificate, outside the scope…).
	CodeRefused = "refused"
	// CodeBudget: the sender's daily sync budget for this peer is spent.
	CodeBudget = "budget"
)
