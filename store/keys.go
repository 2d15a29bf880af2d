package store

import (
	"encoding/binary"
	"encoding/hex"
)

// Every key the store writes starts with one prefix byte from this list; the
// byte layout of each key is written beside its prefix. Numbers are
// big-endian so that byte order is numeric order. A variable-length field is
// followed by a 0x00 separator (the encoding forbids zero bytes in office
// codes, subjects and names) or, for arbitrary bytes, its length comes last.
//
// Prefixes are never reused: a retired prefix stays here, commented out.
const (
	// prefixMeta holds facts about the database itself.
	//   0x00 | name (ASCII)                              → value
	// The names and their values are listed below (meta names).
	prefixMeta byte = 0x00

	// prefixLocal holds this node's own settings, which never leave it.
	//   0x01 | name (UTF-8)                              → value bytes
	// The names and their values are listed below (local setting names).
	prefixLocal byte = 0x01

	// 0x02 held the log, one entry per event (origin | seq → canonical
	// signed event), until schema 4, when the chunks (0x0A) took its place;
	// the migration to 4 moves them (migrateChunks). Retired.
	//   prefixEvent byte = 0x02

	// 0x03 held one empty entry per event in subject order
	// (subject | 0x00 | hlc | origin | seq) until schema 3, when the
	// subject records (0x09) took its place. Retired.
	//   prefixSubjectOrder byte = 0x03

	// 0x04 held per-office feeds (office | origin | seq → empty) until
	// schema 3: the sync protocol reads each origin's log from the peer's
	// mark and filters by scope, so nothing read them, and they cost one
	// write per event per office. Retired; dropped by the migration to 3.
	//   prefixFeed byte = 0x04

	// 0x05 held each subject's audience (subject → offices) until schema
	// 3, when the subject records (0x09) took it in. Retired.
	//   prefixAudience byte = 0x05

	// prefixVector is the version vector: per origin, the highest sequence
	// up to which every event is stored.
	//   0x06 | origin (32)                               → seq, uint64
	prefixVector byte = 0x06

	// prefixProjection holds each projection's folded state of a subject.
	//   0x07 | projection | 0x00 | subject               → state record (projection.go)
	prefixProjection byte = 0x07

	// prefixIndex holds projections' secondary indexes; the index key is
	// arbitrary bytes, so the subject's length ends the key.
	//   0x08 | projection | 0x00 | index | 0x00 | key | subject | len(subject) uint16   → empty
	prefixIndex byte = 0x08

	// prefixSubject holds one record per subject: the offices it has been
	// addressed to (owners and audiences of all its events) and its
	// events' places in fold order (subject.go).
	//   0x09 | subject                                   → uvarint n | n × (uvarint len | office), sorted |
	//                                                      uvarint m | m × (hlc (8) | origin (32) | seq (8)), sorted
	prefixSubject byte = 0x09
	// prefixChunk is the log: each origin's events in runs, under the
	// sequence of each run's last event; runs never overlap (chunk.go).
	//   0x0A | origin (32) | last seq (8)                → chunk (chunk.go)
	prefixChunk byte = 0x0A

	// prefixBlobPart holds file contents (scans, evidence), addressed by
	// their SHA-256, in parts of BlobPartSize bytes (the last shorter);
	// parts may arrive in any order (blob.go).
	//   0x0B | sha256 (32) | part uint32                → bytes
	prefixBlobPart byte = 0x0B
	// prefixBlob marks a complete blob, written only once every part is
	// stored and the whole hashes to its address.
	//   0x0C | sha256 (32)                              → version 0x01 | size uint64 | parts uint32 (13 bytes)
	prefixBlob byte = 0x0C
)

// SchemaVersion is the version of the key layout above. Open upgrades an
// older database through the migrations table in migrate.go and refuses a
// newer one.
const SchemaVersion uint32 = 4

// Meta names: the records under prefixMeta. Numbers are big-endian.
const (
	// metaSchema → SchemaVersion of the layout, uint32 (migrate.go).
	metaSchema = "schema"
	// metaHLC → the highest clock reading issued or observed, uint64.
	metaHLC = "hlc"
	// metaWrites → how many transactions wrote events or raised what this
	// node holds (Changes, Touch), uint64.
	metaWrites = "writes"
	// metaMigrateChunked → 0x01, present only while the migration to
	// schema 4 drops the old log after writing every chunk (migrate.go).
	metaMigrateChunked = "migrate/chunked"
	// metaProjectionPrefix + projection name → the version the
	// projection's states were folded with, decimal ASCII (absent: 1;
	// rebuild.go).
	metaProjectionPrefix = "projection/"
)

// Local setting names: the records under prefixLocal, written by the
// packages above the store (app, p2p, node), which name them only through
// this list. A name ending in "/" starts a family: the rest of the name
// says which member. Numbers are big-endian.
//
// The separators differ ("office.code", "trust/root", "sync/daily-budget")
// because the names are older than this list; they are stored on every
// desk, so they stay as they are. A new name is lower case, words joined
// by "/" from the general to the particular, and joins this list.
const (
	// LocalLanguage → the interface language, "vi" or "en" (ASCII).
	LocalLanguage = "language"
	// LocalOfficeCode → the code of the office this node works for (UTF-8).
	LocalOfficeCode = "office.code"
	// LocalOfficeName → that office's name (UTF-8).
	LocalOfficeName = "office.name"
	// LocalDeskIndex → this desk's index in its office, the first digit of
	// the dossier codes it issues: one decimal ASCII digit, 0–9.
	LocalDeskIndex = "desk.index"
	// LocalAuthFailuresPrefix + user name → the user's failed logins on
	// this desk, JSON {"count": n, "lockedUntil": RFC 3339 time}.
	LocalAuthFailuresPrefix = "auth.failures/"
	// LocalPrintLogPrefix + document → the document's prints on this
	// node, JSON {"count": n, "last": [{"at","by","template","verify"}…]};
	// a node from before the log kept only the count, in decimal ASCII.
	// The document is "<form>/<dossier code>", "intake/<attempt ID>",
	// "06/<book subject>", "book/<book subject>" or a fee book's subject.
	LocalPrintLogPrefix = "print.count/"
	// LocalTrustRoot → the province root's Ed25519 public key (32 bytes).
	LocalTrustRoot = "trust/root"
	// LocalTrustChain → this device's certificate chain (trust.Chain's
	// encoding).
	LocalTrustChain = "trust/chain"
	// LocalTrustHubs → the hub addresses this node dials, a JSON array of
	// multiaddress strings.
	LocalTrustHubs = "trust/hubs"
	// LocalTrustKeptPrefix + origin (64 lower-case hex digits) → the
	// certificate chain (trust.Chain's encoding) of a device whose
	// certificate record this node's office does not receive, as a batch
	// it committed carried it (a transferred dossier's writer in another
	// branch of the office tree): this node needs it to verify the events
	// it relays and to pass it on with them (syncproto.Keeper).
	LocalTrustKeptPrefix = "trust/kept/"
	// LocalSyncTokenPrefix + peer ID → the peer's write count this node
	// last pulled completely, uint64.
	LocalSyncTokenPrefix = "sync/token/"
	// LocalSyncSentPrefix + peer ID → the marks this node vouched to the
	// peer at the end of its last complete pull: version byte 1, then per
	// origin its 32 bytes and the sequence as a uvarint, in origin order
	// (earlier versions wrote a JSON object from Origin.String to
	// sequence, still read).
	LocalSyncSentPrefix = "sync/sent/"
	// LocalSyncMarkPrefix + origin (64 lower-case hex digits) → what this
	// node holds of the origin as a peer vouched for it, uint64 sequence.
	LocalSyncMarkPrefix = "sync/mark/"
	// LocalSyncBudgetPrefix + peer ID → the sync bytes exchanged with the
	// peer on one local day: version 0x01 | day yyyymmdd, uint32 | bytes,
	// uint64 (13 bytes).
	LocalSyncBudgetPrefix = "sync/budget/"
	// LocalSyncDailyBudget → the daily sync byte budget per peer an
	// administrator set, uint64 (0: none).
	LocalSyncDailyBudget = "sync/daily-budget"
	// LocalISOScanPrefix + dossier code → what the nonconformity scan last
	// saw of the dossier, so that it decodes only the dossiers that changed:
	// the first 8 bytes of a SHA-256 of the rules and the dossier's state |
	// 0x00 when nothing was left to watch (9 bytes). A cache: losing it
	// costs one full scan.
	LocalISOScanPrefix = "iso/ncscan/"
)

// LocalAuthFailures names a user's failed-login record.
func LocalAuthFailures(username string) string { return LocalAuthFailuresPrefix + username }

// LocalPrintLog names a document's print log (see LocalPrintLogPrefix for
// the documents).
func LocalPrintLog(document string) string { return LocalPrintLogPrefix + document }

// LocalTrustKept names the chain kept for a device (LocalTrustKeptPrefix).
func LocalTrustKept(o Origin) string { return LocalTrustKeptPrefix + hex.EncodeToString(o[:]) }

// LocalSyncToken names the write count last pulled from a peer; peer is
// its libp2p peer ID as a string.
func LocalSyncToken(peer string) string { return LocalSyncTokenPrefix + peer }

// LocalSyncSent names the marks last vouched to a peer.
func LocalSyncSent(peer string) string { return LocalSyncSentPrefix + peer }

// LocalSyncMark names what this node holds of an origin.
func LocalSyncMark(o Origin) string { return LocalSyncMarkPrefix + hex.EncodeToString(o[:]) }

// LocalSyncBudget names the day's sync bytes exchanged with a peer.
func LocalSyncBudget(peer string) string { return LocalSyncBudgetPrefix + peer }

// LocalISOScan names the nonconformity scan's note on a dossier.
func LocalISOScan(code string) string { return LocalISOScanPrefix + code }

func metaKey(name string) []byte  { return append([]byte{prefixMeta}, name...) }
func localKey(name string) []byte { return append([]byte{prefixLocal}, name...) }

func chunkKey(o Origin, last uint64) []byte {
	k := make([]byte, 0, 1+OriginLen+8)
	k = append(append(k, prefixChunk), o[:]...)
	return binary.BigEndian.AppendUint64(k, last)
}

func chunkOriginPrefix(o Origin) []byte {
	return append([]byte{prefixChunk}, o[:]...)
}

func subjectKey(subject string) []byte {
	return append([]byte{prefixSubject}, subject...)
}

func blobKey(id BlobID) []byte { return append([]byte{prefixBlob}, id[:]...) }

func blobPartKey(id BlobID, part uint32) []byte {
	k := make([]byte, 0, 1+len(id)+4)
	k = append(append(k, prefixBlobPart), id[:]...)
	return binary.BigEndian.AppendUint32(k, part)
}

func vectorKey(o Origin) []byte { return append([]byte{prefixVector}, o[:]...) }

func projectionKey(proj, subject string) []byte {
	k := make([]byte, 0, 2+len(proj)+len(subject))
	k = append(append(k, prefixProjection), proj...)
	k = append(k, 0)
	return append(k, subject...)
}

func indexPrefix(proj, index string) []byte {
	k := make([]byte, 0, 3+len(proj)+len(index))
	k = append(append(k, prefixIndex), proj...)
	k = append(k, 0)
	k = append(k, index...)
	return append(k, 0)
}

func indexKey(proj, index string, key []byte, subject string) []byte {
	k := append(indexPrefix(proj, index), key...)
	k = append(k, subject...)
	return binary.BigEndian.AppendUint16(k, uint16(len(subject)))
}

// splitIndexKey returns the index key and subject of a full index entry key,
// given the length of its prefix.
func splitIndexKey(k []byte, prefixLen int) (key []byte, subject string, ok bool) {
	if len(k) < prefixLen+2 {
		return nil, "", false
	}
	n := int(binary.BigEndian.Uint16(k[len(k)-2:]))
	end := len(k) - 2
	if end-n < prefixLen {
		return nil, "", false
	}
	return k[prefixLen : end-n], string(k[end-n : end]), true
}
