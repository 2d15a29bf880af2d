package syncproto

// Batch bounds: what one batch carries at most before it is sent. A batch
// cut by a dropped link is sent again whole, and it must cross a slow link
// (64 kbit/s) well within the link's and the stream's time limits: about
// 128 KB of events compress to 30–40 KB, a few seconds on such a link. On
// a link that acknowledges more than that each second a batch grows, up to
// MaxBatchBytes: fewer, larger transactions (a fifth faster on loopback);
// the receiver commits a batch in one transaction, which holds up to
// ~600 KB with its subject records (store).
const (
	// BatchEvents is the most events one batch carries.
	BatchEvents = 1000
	// BatchBytes is the size (events' encodings, before compression) at
	// which a batch is sent while the link's rate is not known.
	BatchBytes = 128 << 10
	// MaxBatchBytes caps the size a batch grows to on a fast link.
	MaxBatchBytes = 384 << 10
	// Window bounds the batches in flight, unacknowledged: what a drop
	// wastes is at most Window batches, all sent again (the client's
	// marks say where to resume), and never one it acknowledged.
	Window = 4
	// readBatch is how many events the server reads from the store at a
	// time while it builds batches.
	readBatch = 500
)
