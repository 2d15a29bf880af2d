// Package fileproto is the files protocol, /hoso/files/1.0.0: how a node
// fetches from a peer the contents of the files its records name (scans,
// evidence; store's blobs) after the records themselves. Records come
// first, by the sync protocol; a file follows when the link allows,
// within the daily byte budget, resumes where a cut left it, and is
// checked against its address (SHA-256) before it counts.
//
// It knows nothing of libp2p: a session runs over a syncproto.Stream, so
// its tests run two real stores over net.Pipe. It reuses the sync
// protocol's frames, decoder and the Fail message; what it needs from the
// node it asks through Local.
//
// Changing any byte below is a new protocol version (ID's major).
//
// # Frames and numbers
//
// As in package syncproto: a frame is uvarint L | type (1) | payload
// (L − 1), 1 ≤ L ≤ syncproto.MaxFrame; numbers are minimal uvarints;
// bytes are uvarint length | bytes. A payload has no trailing bytes.
//
// # Messages
//
//	type  name   payload
//	0x01  Hello  bytes chain (≤ syncproto.MaxChain, or empty)
//	0x02  Want   id (32) | uvarint size (≤ store.MaxBlobSize) | uvarint from
//	0x03  Part   id (32) | uvarint part | bytes data (≤ store.BlobPartSize)
//	0x04  Done   id (32)
//	0x05  None   id (32)
//	0x06  Fail   as syncproto's Fail (code, message)
//
// id is a blob's address, the SHA-256 of its contents; size is its length
// in bytes, as the record naming it says; parts are store.BlobPartSize
// bytes, the last shorter.
//
// # A fetch
//
// The client (the node fetching) opens the stream:
//
//	client → Hello{chain?}
//	server → Hello{}                              or Fail (untrusted, budget)
//	client → Want{id, size, from}
//	server → Part{id, from}, Part{id, from+1}, …, Done{id}
//	      or None{id}
//	client → Want …                               (one file at a time)
//
// and closes its side when it wants nothing more. The server sends the
// parts from `from` to the last without waiting (the stream's flow control
// paces them), then Done; None when it does not hold the file complete or
// the client's office may not see any record naming it — the two are not
// told apart, so a file's existence is not disclosed by its address. The
// client stores each part as it arrives and, at Done, checks the whole
// against its address (store.CompleteBlob): a file that does not match is
// dropped and fetched again next time. A cut stream loses only the part
// in flight: the next fetch asks from the first part missing.
//
// Who may see a file: the client's office may see it when it may see a
// record naming it (the sync protocol's scope, syncproto.Scope.Visible on
// the record's events). The server spends the bytes of the parts it sends
// against its daily budget for the peer, and stops with Fail "budget" when
// it is spent; the client does the same with the bytes it receives.
//
// # Time
//
// Every read is bounded by the read deadline (syncproto.Conn); the whole
// fetch by its context in package p2p.
package fileproto
