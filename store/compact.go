package store

import (
	"time"
)

// LSM describes the store's tables, for the memory benchmark and
// diagnostics.
type LSM struct {
	// Tables counts the tables on every level; Level0 those on level 0,
	// which a flush adds and a compaction empties.
	Tables int `json:"tables"`
	Level0 int `json:"level0"`
	// Bytes is the tables' size on disk.
	Bytes int64 `json:"bytes"`
	// LargestTableBytes is the largest table size Badger now targets on
	// any level: what one table being built by a compaction may hold.
	LargestTableBytes int64 `json:"largestTableBytes"`
}

// LSM reports the store's tables now.
func (s *Store) LSM() LSM {
	var l LSM
	for _, li := range s.db.Levels() {
		l.Tables += li.NumTables
		l.Bytes += li.Size
		if li.Level == 0 {
			l.Level0 = li.NumTables
		} else if li.NumTables > 0 || li.IsBaseLevel {
			l.LargestTableBytes = max(l.LargestTableBytes, li.TargetFileSize)
		}
	}
	return l
}

// Settle waits until Badger's background compactions have stopped
// changing the tables for quiet, or until limit has passed, and returns the
// tables then. A writer that stops leaves compactions running behind it:
// the memory benchmark waits for them so that their peak is counted.
func (s *Store) Settle(quiet, limit time.Duration) LSM {
	const poll = 100 * time.Millisecond
	last := s.LSM()
	stable := time.Duration(0)
	for waited := time.Duration(0); waited < limit && stable < quiet; waited += poll {
		time.Sleep(poll)
		now := s.LSM()
		if now == last {
			stable += poll
		} else {
			stable, last = 0, now
		}
	}
	return last
}
