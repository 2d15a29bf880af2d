package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// migration upgrades a database from schema version `from` to from+1 inside
// one transaction.
type migration struct {
	from uint32
	// drop runs first, outside the transaction, for deletions too large
	// for one (it must be safe to run twice: a crash before the version
	// is written runs the step again).
	drop func(db *badger.DB) error
	run  func(txn *badger.Txn) error
}

// migrations lists every upgrade in order. Version 0 is an empty database;
// version 1 held only meta and local settings; version 2 adds the event log
// under new prefixes, so neither step rewrites anything; version 3 folds
// the per-event subject entries (0x03) and the audiences (0x05) into one
// record per subject (0x09) and drops the per-office feeds (0x04); version
// 4 moves the log from one entry per event (0x02) into chunks (0x0A).
var migrations = []migration{
	{from: 0, run: func(*badger.Txn) error { return nil }},
	{from: 1, run: func(*badger.Txn) error { return nil }},
	{from: 2, drop: subjectRecords, run: func(*badger.Txn) error { return nil }},
	{from: 3, drop: migrateChunks, run: func(txn *badger.Txn) error { return txn.Delete(metaKey(metaMigrateChunked)) }},
}

// ErrSchemaTooNew means the database was written by a newer version of the
// program, which this one must not touch.
var ErrSchemaTooNew = errors.New("database written by a newer version of hoso")

// migrate brings the database to SchemaVersion, one step per transaction.
func migrate(db *badger.DB) error {
	for {
		var current uint32
		err := db.View(func(txn *badger.Txn) error {
			v, err := readUint32(txn, metaKey(metaSchema))
			current = v
			return err
		})
		if err != nil {
			return fmt.Errorf("reading schema version: %w", err)
		}
		if current == SchemaVersion {
			return nil
		}
		if current > SchemaVersion {
			return fmt.Errorf("%w: schema %d, this program knows %d", ErrSchemaTooNew, current, SchemaVersion)
		}
		var step *migration
		for i := range migrations {
			if migrations[i].from == current {
				step = &migrations[i]
			}
		}
		if step == nil {
			return fmt.Errorf("no migration from schema %d", current)
		}
		if step.drop != nil {
			if err := step.drop(db); err != nil {
				return fmt.Errorf("migrating schema %d to %d: %w", current, current+1, err)
			}
		}
		err = db.Update(func(txn *badger.Txn) error {
			if err := step.run(txn); err != nil {
				return err
			}
			var b [4]byte
			binary.BigEndian.PutUint32(b[:], current+1)
			return txn.Set(metaKey(metaSchema), b[:])
		})
		if err != nil {
			return fmt.Errorf("migrating schema %d to %d: %w", current, current+1, err)
		}
	}
}

// readUint32 reads a big-endian uint32, or 0 when the key is absent.
func readUint32(txn *badger.Txn, key []byte) (uint32, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var v uint32
	err = item.Value(func(b []byte) error {
		if len(b) != 4 {
			return fmt.Errorf("bad uint32 of %d bytes", len(b))
		}
		v = binary.BigEndian.Uint32(b)
		return nil
	})
	return v, err
}

// readUint64 reads a big-endian uint64, or 0 when the key is absent.
func readUint64(txn *badger.Txn, key []byte) (uint64, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var v uint64
	err = item.Value(func(b []byte) error {
		if len(b) != 8 {
			return fmt.Errorf("bad uint64 of %d bytes", len(b))
		}
		v = binary.BigEndian.Uint64(b)
		return nil
	})
	return v, err
}

// subjectRecords builds the schema 3 subject records from the schema 2
// entries, then drops those. Run twice (a crash before the version is
// written), it builds the same records again from the entries still there.
func subjectRecords(db *badger.DB) error {
	wb := db.NewWriteBatch()
	defer wb.Cancel()
	err := db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{0x03}, PrefetchValues: false})
		defer it.Close()
		var cur string
		var rec subjectRecord
		flush := func() error {
			if rec.events == nil {
				return nil
			}
			offices, err := oldAudience(txn, cur)
			if err != nil {
				return err
			}
			rec.offices = offices
			return wb.Set(subjectKey(cur), rec.encode())
		}
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			end := bytes.IndexByte(k[1:], 0)
			if end < 0 || len(k) != 2+end+posLen {
				return fmt.Errorf("%w: subject entry %x", ErrTampered, k)
			}
			if subject := string(k[1 : 1+end]); subject != cur || rec.events == nil {
				if err := flush(); err != nil {
					return err
				}
				cur, rec = subject, subjectRecord{}
			}
			rec.events = append(rec.events, readPos(k[2+end:]))
		}
		return flush()
	})
	if err != nil {
		return fmt.Errorf("building subject records: %w", err)
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("writing subject records: %w", err)
	}
	return db.DropPrefix([]byte{0x03}, []byte{0x04}, []byte{0x05})
}

// oldAudience reads a schema 2 audience record (0x05 | subject).
func oldAudience(txn *badger.Txn, subject string) ([]string, error) {
	item, err := txn.Get(append([]byte{0x05}, subject...))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	err = item.Value(func(v []byte) error {
		d := decoder{b: v}
		n := d.uvarint("audience size", 1<<16)
		for i := uint64(0); i < n && d.err == nil; i++ {
			out = append(out, d.string("office", MaxOfficeLen, true))
		}
		if d.err != nil {
			return fmt.Errorf("%w: audience of %s: %v", ErrTampered, subject, d.err)
		}
		return nil
	})
	return out, err
}

// prefixEventV3 is the retired per-event log of schemas 2 and 3 (keys.go).
const prefixEventV3 = 0x02

// migrateChunks moves the schema 3 log (0x02 | origin | seq → event) into
// chunks (0x0A), then drops it. The meta entry "migrate/chunked" records
// that every chunk is written: a crash before it starts the chunks over, a
// crash after it only finishes dropping the old entries.
func migrateChunks(db *badger.DB) error {
	var done bool
	if err := db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(metaKey(metaMigrateChunked))
		done = err == nil
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return err
	}); err != nil {
		return err
	}
	if !done {
		if err := db.DropPrefix([]byte{prefixChunk}); err != nil {
			return fmt.Errorf("dropping partial chunks: %w", err)
		}
		if err := writeChunksFromV3(db); err != nil {
			return err
		}
		if err := db.Update(func(txn *badger.Txn) error { return txn.Set(metaKey(metaMigrateChunked), []byte{1}) }); err != nil {
			return err
		}
	}
	if err := db.DropPrefix([]byte{prefixEventV3}); err != nil {
		return fmt.Errorf("dropping the per-event log: %w", err)
	}
	return nil
}

// writeChunksFromV3 writes the chunks of every origin's schema 3 log.
func writeChunksFromV3(db *badger.DB) error {
	wb := db.NewWriteBatch()
	defer wb.Cancel()
	err := db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixEventV3}})
		defer it.Close()
		var (
			o    Origin
			seqs []uint64
			raws [][]byte
			size int
		)
		flush := func() error {
			if len(seqs) == 0 {
				return nil
			}
			err := wb.Set(chunkKey(o, seqs[len(seqs)-1]), encodeChunk(seqs, raws))
			seqs, raws, size = nil, nil, 0
			return err
		}
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			if len(k) != 1+OriginLen+8 {
				return fmt.Errorf("%w: log entry %x", ErrTampered, k)
			}
			var ko Origin
			copy(ko[:], k[1:])
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if ko != o || chunkFull(len(seqs), size, len(v)) {
				if err := flush(); err != nil {
					return err
				}
				o = ko
			}
			seqs = append(seqs, binary.BigEndian.Uint64(k[1+OriginLen:]))
			raws = append(raws, v)
			size += len(v)
		}
		return flush()
	})
	if err != nil {
		return fmt.Errorf("writing chunks: %w", err)
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("writing chunks: %w", err)
	}
	return nil
}
