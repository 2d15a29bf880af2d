package p2p

import "hoso/p2p/syncproto"

// The sync protocol itself (frames, messages, limits) lives in package
// syncproto, specified byte by byte in its doc.go; this package runs it
// for a Syncer (session.go opens its streams; package bundle writes its
// frames to a file).

// ProtocolID is the sync protocol's libp2p name (syncproto.ID).
const ProtocolID = syncproto.ID

// ErrProtocol is a malformed or out-of-order message: the stream is reset.
// It is syncproto.ErrProtocol, also for the peer exchange.
var ErrProtocol = syncproto.ErrProtocol
