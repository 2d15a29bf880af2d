package p2p

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/store"
)

// budgetKey is the local record of what this node spent with a peer today.
func budgetKey(id peer.ID) string { return store.LocalSyncBudget(id.String()) }

// budgetVersion leads the record, so that a later layout can be told
// apart from this one.
const budgetVersion byte = 1

// budgetRecordLen is the record: version, day (yyyymmdd), bytes.
const budgetRecordLen = 1 + 4 + 8

// daySpend is the bytes exchanged with a peer on one local calendar day.
type daySpend struct {
	day   uint32
	bytes int64
}

// dayOf numbers a local calendar day as yyyymmdd.
func dayOf(t time.Time) uint32 {
	y, m, d := t.Local().Date()
	return uint32(y*10000 + int(m)*100 + d)
}

func (d daySpend) encode() []byte {
	b := make([]byte, 0, budgetRecordLen)
	b = append(b, budgetVersion)
	b = binary.BigEndian.AppendUint32(b, d.day)
	return binary.BigEndian.AppendUint64(b, uint64(d.bytes))
}

func decodeDaySpend(b []byte) (daySpend, bool) {
	if len(b) != budgetRecordLen || b[0] != budgetVersion {
		return daySpend{}, false
	}
	return daySpend{day: binary.BigEndian.Uint32(b[1:5]), bytes: int64(binary.BigEndian.Uint64(b[5:]))}, true
}

// budgetSaveEvery is how often, at most, the spending with a peer is
// recorded in the store when no limit is set: it is then only shown, and a
// hub that recorded every batch of every desk at once serialised all its
// syncs behind those writes (issue 19). With a limit every spend is
// recorded at once, so that a restart never forgets what was spent. What
// is not recorded yet is written by flush (Syncer.Close).
const budgetSaveEvery = 10 * time.Second

// budget counts the sync bytes exchanged with each peer per local
// calendar day, in the store's local settings so that a restart does not
// reset the day's spending, and says when a peer's daily limit is spent.
type budget struct {
	st    *store.Store
	limit int64
	now   func() time.Time
	logf  func(string, ...any)

	mu    sync.Mutex
	spent map[peer.ID]daySpend
	// saved is when each peer's spending was last recorded (wall clock);
	// dirty lists the peers spent with since.
	saved map[peer.ID]time.Time
	dirty map[peer.ID]bool
	// saveMu orders the records' writes, which run outside mu so that
	// readers of the spending never wait for the store.
	saveMu sync.Mutex
}

func newBudget(st *store.Store, limit int64, now func() time.Time, logf func(string, ...any)) *budget {
	return &budget{st: st, limit: max(limit, 0), now: now, logf: logf, spent: map[peer.ID]daySpend{},
		saved: map[peer.ID]time.Time{}, dirty: map[peer.ID]bool{}}
}

// todayLocked returns today's spending with a peer, read from the store on
// first use.
func (b *budget) todayLocked(id peer.ID) daySpend {
	today := dayOf(b.now())
	d, ok := b.spent[id]
	if !ok {
		if raw, err := b.st.Local(budgetKey(id)); err == nil {
			d, _ = decodeDaySpend(raw)
		}
		b.spent[id] = d
	}
	if d.day != today {
		return daySpend{day: today}
	}
	return d
}

// spend adds n bytes to today's spending with a peer, and records it
// (see budgetSaveEvery).
func (b *budget) spend(id peer.ID, n int64) {
	if n <= 0 || id == "" {
		return
	}
	b.mu.Lock()
	d := b.todayLocked(id)
	before := d.bytes
	d.bytes += n
	b.spent[id] = d
	limit := b.limit
	now := time.Now()
	save := limit > 0 || now.Sub(b.saved[id]) >= budgetSaveEvery
	if save {
		b.saved[id] = now
		delete(b.dirty, id)
	} else {
		b.dirty[id] = true
	}
	b.mu.Unlock()
	if save {
		b.save(id)
	}
	if limit > 0 && before < limit && d.bytes >= limit {
		b.logf("sync: the daily budget of %d bytes with %s is spent; background sync with it waits for tomorrow (Sync now still syncs)", limit, id)
	}
}

// save records a peer's spending as it stands: the record read under
// saveMu is the latest, so the last write wins with the newest value.
func (b *budget) save(id peer.ID) {
	b.saveMu.Lock()
	defer b.saveMu.Unlock()
	b.mu.Lock()
	d := b.spent[id]
	b.mu.Unlock()
	if err := b.st.SetLocal(budgetKey(id), d.encode()); err != nil {
		b.logf("sync: recording the bytes exchanged with %s: %v", id, err)
	}
}

// flush records the spending not recorded yet.
func (b *budget) flush() {
	b.mu.Lock()
	ids := make([]peer.ID, 0, len(b.dirty))
	for id := range b.dirty {
		ids = append(ids, id)
	}
	clear(b.dirty)
	b.mu.Unlock()
	for _, id := range ids {
		b.save(id)
	}
}

// used returns the bytes exchanged with a peer today.
func (b *budget) used(id peer.ID) int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.todayLocked(id).bytes
}

// over reports whether today's budget with a peer is spent.
func (b *budget) over(id peer.ID) bool {
	limit := b.getLimit()
	if limit <= 0 {
		return false
	}
	return b.used(id) >= limit
}

func (b *budget) getLimit() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.limit
}

// SetDailyBudget changes the daily byte budget per peer while the node
// runs (0: no limit); what was spent today still counts.
func (s *Syncer) SetDailyBudget(n int64) {
	s.budget.mu.Lock()
	defer s.budget.mu.Unlock()
	s.budget.limit = max(n, 0)
}

// DailyBudget returns the daily byte budget per peer, 0 when there is none.
func (s *Syncer) DailyBudget() int64 { return s.budget.getLimit() }

// OverBudget reports whether this node's daily byte budget with a peer
// (SyncOptions.DailyBudget) is spent for today. Background pulls from such
// a peer are skipped, and the server is to refuse serving it until the
// local day ends; a manual Syncer.Now ignores the budget. Without a budget
// it is always false.
func (s *Syncer) OverBudget(id peer.ID) bool { return s.budget.over(id) }

// ErrBadSize is a byte size ParseSize cannot read.
var ErrBadSize = errors.New("not a size")

// sizeUnits are the suffixes ParseSize accepts: 1000-based, as data plans
// are sold.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// ParseSize reads a byte size: plain bytes ("500000") or a number with a
// 1000-based suffix KB, MB or GB ("500KB", "20 MB", case-insensitive).
// Zero means no limit; negative sizes are refused.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%w: %q (want bytes, or a whole number of KB, MB or GB, 1 KB = 1000 bytes)", ErrBadSize, s)
	}
	return n * mult, nil
}
