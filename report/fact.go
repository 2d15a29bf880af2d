package report

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"hoso/calendar"
	"hoso/dossier"
)

// Fact is what the reports need to know about one dossier, small enough to
// keep in an index entry so that a province's reports read one key per
// dossier and decode nothing else. Times are Unix seconds, 0 when unset.
type Fact struct {
	Code      string
	Office    string
	Procedure string
	Online    bool
	// Received is when the desk received it; Counted is when it counts
	// from under CountFromReceptionDay (the start of its reception day).
	Received int64
	Counted  int64
	// Resolved is when the result (a decision, or a refusal) reached the
	// desk. Timing says how against the due date in force before any
	// apology (dossier.TimingBasisOriginal), TimingCurrent against the due
	// date in force then (TimingBasisCurrent); TimingBy picks by the rules.
	Resolved      int64
	Timing        dossier.Timing
	TimingCurrent dossier.Timing
	// Closed is when it ended without a result: withdrawn, or stopped when
	// Stopped.
	Closed  int64
	Stopped bool
	// Refused marks a refusal, at the desk or after appraisal.
	Refused bool
	// Dues is the history of the due date but for apologies: (from, due)
	// pairs in order — reception, supplement restarts, corrections.
	// NewDues are the new dates of apologies (Form 04), kept apart so that
	// the timing basis is chosen when a report is computed, not when the
	// fact was folded.
	Dues    [][2]int64
	NewDues [][2]int64
	// Pauses are the waits for the citizen: [from, to), to 0 while open.
	Pauses [][2]int64
	// Transfers counts its liên thông transfers; Supplements its requests
	// to supplement.
	Transfers   int
	Supplements int
	// Rating is the citizen's rating, "" when none, given at Rated.
	Rating string
	Rated  int64
	// Officers are the users who held it, sorted.
	Officers []string
	// Post marks a dossier sent by post (Online one filed online; neither
	// is in person).
	Post bool
	// Scanned is set when every paper received has a scan or was reused
	// from one digitized before (a dossier without papers has nothing to
	// scan); EResult when the result has an electronic copy; Reused when
	// at least one paper was reused — once per dossier however many.
	Scanned bool
	EResult bool
	Reused  bool
	// Fee marks a dossier with a non-zero fee (quoted at reception or
	// requested); PaidOnline one of its payments made by transfer or a
	// payment platform rather than cash at the desk.
	Fee        bool
	PaidOnline bool
	// Awaiting is set while the dossier waits for a supplement the desk
	// asked for: the last open pause is that request.
	Awaiting bool
}

// unix is t in Unix seconds, 0 for the zero time.
func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// FromDossier extracts the facts of a dossier; ok is false for a dossier
// not yet received (nothing to report).
func FromDossier(d dossier.Dossier) (f Fact, ok bool) {
	if d.ReceivedAt.IsZero() || d.Code == "" {
		return Fact{}, false
	}
	f = Fact{
		Code: d.Code, Office: d.Office, Procedure: d.Procedure.Code, Online: d.Channel == dossier.ChannelOnline,
		Received: unix(d.ReceivedAt), Resolved: unix(d.FinishedAt),
		Transfers: len(d.Tasks), Supplements: len(d.Supplements),
	}
	f.Timing, f.TimingCurrent = timings2(d, d.FinishedAt)
	f.Counted = f.Received
	if d.CountFrom != nil {
		day := time.Date(d.CountFrom.Year, d.CountFrom.Month, d.CountFrom.Day, 0, 0, 0, 0, calendar.Zone).Unix()
		f.Counted = max(day, f.Received)
	}
	if r := d.Result; r != nil {
		switch r.Kind {
		case dossier.ResultWithdrawn, dossier.ResultStopped:
			f.Closed = unix(r.At)
			f.Stopped = r.Kind == dossier.ResultStopped
		case dossier.ResultNotAccepted:
			// Refused at the desk: the refusal is the result, handed back
			// there and then.
			f.Refused = true
			f.Resolved = unix(r.At)
			f.Timing, f.TimingCurrent = timings2(d, r.At)
		case dossier.ResultRefused:
			f.Refused = true
		}
	}
	// The history split as dossier.TimingDue reads it: an apology's new
	// date, and a correction while it is in force, are the apology's; the
	// rest (reception, supplement restarts, other corrections) set the due
	// date before any apology.
	moved := false
	for _, dl := range d.Deadlines {
		pair := [2]int64{unix(dl.At), unix(dl.Due)}
		switch {
		case dl.Reason == dossier.DeadlineReschedule:
			moved = true
			f.NewDues = append(f.NewDues, pair)
		case dl.Reason == dossier.DeadlineCorrected && moved:
			f.NewDues = append(f.NewDues, pair)
		default:
			moved = moved && dl.Reason == dossier.DeadlineCorrected
			f.Dues = append(f.Dues, pair)
		}
	}
	if len(f.Dues) == 0 && !d.Due.IsZero() {
		f.Dues = [][2]int64{{f.Received, unix(d.TimingDue(dossier.TimingBasisOriginal))}}
	}
	for _, s := range d.Supplements {
		f.Pauses = append(f.Pauses, [2]int64{unix(s.At), unix(s.ReceivedAt)})
	}
	for _, p := range d.Payments {
		f.Pauses = append(f.Pauses, [2]int64{unix(p.At), unix(p.PaidAt)})
	}
	if d.Rating != nil {
		f.Rating, f.Rated = d.Rating.Value, unix(d.Rating.At)
	}
	digitization(&f, d)
	for _, s := range d.Steps {
		for _, o := range []string{s.From.Officer, s.To.Officer} {
			if o != "" {
				f.Officers = append(f.Officers, o)
			}
		}
	}
	slices.Sort(f.Officers)
	f.Officers = slices.Compact(f.Officers)
	return f, true
}

// digitization fills the facts of the index (Decision 766): the channel by
// post, the scans, the electronic result, reuse, the fee and how it was
// paid, and whether the dossier waits for a supplement.
func digitization(f *Fact, d dossier.Dossier) {
	f.Post = d.Channel == dossier.ChannelPost
	f.Scanned = true
	for _, doc := range d.Documents {
		if doc.Reused != nil {
			f.Reused = true
		} else if len(doc.Files) == 0 {
			f.Scanned = false
		}
	}
	f.EResult = len(d.ResultFiles) > 0
	f.Fee = d.FeeQuote != nil && d.FeeQuote.AmountVND > 0
	for _, p := range d.Payments {
		f.Fee = f.Fee || p.AmountVND > 0
		if !p.PaidAt.IsZero() && p.Method == dossier.MethodTransfer {
			f.PaidOnline = true
		}
	}
	f.Awaiting = d.Paused != nil && d.Paused.Kind == dossier.KindSupplementRequested
}

// timings2 classifies a result that came at done against the due date
// before any apology and against the current one (dossier.ClassifyDossier:
// late either way after a second supplement request). Judged against the
// current due date, a result late against the one before the apology is at
// best on time: an apology admits lateness, it never earns "early".
func timings2(d dossier.Dossier, done time.Time) (original, current dossier.Timing) {
	original = dossier.ClassifyDossier(d, done, dossier.TimingBasisOriginal)
	current = dossier.ClassifyDossier(d, done, dossier.TimingBasisCurrent)
	if original == dossier.TimingLate && current == dossier.TimingEarly {
		current = dossier.TimingOnTime
	}
	return original, current
}

// TimingBy is the fact's result timing on the timing basis (the original
// due date when empty).
func (f *Fact) TimingBy(basis dossier.TimingBasis) dossier.Timing {
	if basis == dossier.TimingBasisCurrent {
		return f.TimingCurrent
	}
	return f.Timing
}

// factVersion is the first byte of an encoded fact.
const factVersion = 3

// Limits on a decoded fact, so a corrupt entry cannot make a reader
// allocate without bound.
const (
	maxFactString = 256
	maxFactList   = 64
)

var timings = []dossier.Timing{"", dossier.TimingEarly, dossier.TimingOnTime, dossier.TimingLate}

// Encode writes the fact in its compact binary form:
//
//	version 3 | flags (online 1, refused 2, stopped 4) | timing (0–3) |
//	current timing (0–3) | index flags (post 1, scanned 2, e-result 4,
//	reused 8, fee 16, paid online 32, awaiting 64) | strings code, office, procedure, rating (uvarint
//	length + UTF-8) | varints received, counted, resolved, closed, rated |
//	uvarint transfers, supplements | uvarint n + n × (varint, varint) dues |
//	same for new dues | same for pauses | uvarint n + n strings officers
//
// Version 1 had no stopped flag, no current timing and no new dues,
// version 2 no index flags: their facts are rebuilt by folding the dossiers again (the dossier projection's
// version), never decoded.
//
// Lists longer than the decoder accepts keep their last entries, strings
// their first bytes up to a rune boundary; no real dossier comes near.
func (f Fact) Encode() []byte {
	f = f.bounded()
	b := make([]byte, 0, 96+len(f.Code)+len(f.Office))
	var flags byte
	if f.Online {
		flags |= 1
	}
	if f.Refused {
		flags |= 2
	}
	if f.Stopped {
		flags |= 4
	}
	var index byte
	for i, on := range []bool{f.Post, f.Scanned, f.EResult, f.Reused, f.Fee, f.PaidOnline, f.Awaiting} {
		if on {
			index |= 1 << i
		}
	}
	b = append(b, factVersion, flags, byte(max(0, slices.Index(timings, f.Timing))), byte(max(0, slices.Index(timings, f.TimingCurrent))), index)
	for _, s := range []string{f.Code, f.Office, f.Procedure, f.Rating} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, n := range []int64{f.Received, f.Counted, f.Resolved, f.Closed, f.Rated} {
		b = binary.AppendVarint(b, n)
	}
	b = binary.AppendUvarint(b, uint64(f.Transfers))
	b = binary.AppendUvarint(b, uint64(f.Supplements))
	for _, pairs := range [][][2]int64{f.Dues, f.NewDues, f.Pauses} {
		b = binary.AppendUvarint(b, uint64(len(pairs)))
		for _, p := range pairs {
			b = binary.AppendVarint(b, p[0])
			b = binary.AppendVarint(b, p[1])
		}
	}
	b = binary.AppendUvarint(b, uint64(len(f.Officers)))
	for _, o := range f.Officers {
		b = binary.AppendUvarint(b, uint64(len(o)))
		b = append(b, o...)
	}
	return b
}

// bounded returns f with its lists and strings within the decoder's
// limits.
func (f Fact) bounded() Fact {
	last := func(p [][2]int64) [][2]int64 {
		if len(p) > maxFactList {
			return p[len(p)-maxFactList:]
		}
		return p
	}
	f.Dues, f.NewDues, f.Pauses = last(f.Dues), last(f.NewDues), last(f.Pauses)
	f.Officers = slices.Clone(f.Officers)
	if len(f.Officers) > maxFactList {
		f.Officers = f.Officers[:maxFactList]
	}
	cut := func(s string) string {
		if len(s) <= maxFactString {
			return s
		}
		s = s[:maxFactString]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		return s
	}
	f.Code, f.Office, f.Procedure, f.Rating = cut(f.Code), cut(f.Office), cut(f.Procedure), cut(f.Rating)
	for i, o := range f.Officers {
		f.Officers[i] = cut(o)
	}
	f.Transfers, f.Supplements = min(max(f.Transfers, 0), 1<<20), min(max(f.Supplements, 0), 1<<20)
	return f
}

// ErrFact is returned for bytes that are not an encoded fact.
var ErrFact = errors.New("report: not an encoded fact")

// DecodeFact reads an encoded fact; it refuses anything Encode would not
// write.
func DecodeFact(b []byte) (Fact, error) {
	d := factDecoder{b: b}
	if len(b) < 5 || b[0] != factVersion || b[1] > 7 || int(b[2]) >= len(timings) || int(b[3]) >= len(timings) || b[4] > 127 {
		return Fact{}, ErrFact
	}
	f := Fact{Online: b[1]&1 != 0, Refused: b[1]&2 != 0, Stopped: b[1]&4 != 0, Timing: timings[b[2]], TimingCurrent: timings[b[3]]}
	for i, dst := range []*bool{&f.Post, &f.Scanned, &f.EResult, &f.Reused, &f.Fee, &f.PaidOnline, &f.Awaiting} {
		*dst = b[4]&(1<<i) != 0
	}
	d.off = 5
	f.Code, f.Office, f.Procedure, f.Rating = d.str(), d.str(), d.str(), d.str()
	f.Received, f.Counted, f.Resolved, f.Closed, f.Rated = d.varint(), d.varint(), d.varint(), d.varint(), d.varint()
	f.Transfers, f.Supplements = int(d.small()), int(d.small())
	for _, dst := range []*[][2]int64{&f.Dues, &f.NewDues, &f.Pauses} {
		n := d.count()
		for i := uint64(0); i < n && d.err == nil; i++ {
			*dst = append(*dst, [2]int64{d.varint(), d.varint()})
		}
	}
	n := d.count()
	for i := uint64(0); i < n && d.err == nil; i++ {
		f.Officers = append(f.Officers, d.str())
	}
	if d.err == nil && d.off != len(b) {
		d.err = fmt.Errorf("%w: %d trailing bytes", ErrFact, len(b)-d.off)
	}
	if d.err != nil {
		return Fact{}, d.err
	}
	return f, nil
}

// factDecoder reads the fields of an encoded fact, remembering the first
// error.
type factDecoder struct {
	b   []byte
	off int
	err error
}

func (d *factDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 || n != len(binary.AppendUvarint(nil, v)) {
		d.err = ErrFact
		return 0
	}
	d.off += n
	return v
}

func (d *factDecoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 || n != len(binary.AppendVarint(nil, v)) {
		d.err = ErrFact
		return 0
	}
	d.off += n
	return v
}

func (d *factDecoder) count() uint64 {
	n := d.uvarint()
	if n > maxFactList {
		d.err = ErrFact
		return 0
	}
	return n
}

// small reads a count that fits an int on every platform.
func (d *factDecoder) small() uint64 {
	n := d.uvarint()
	if n > 1<<20 {
		d.err = ErrFact
		return 0
	}
	return n
}

func (d *factDecoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > maxFactString || uint64(len(d.b)-d.off) < n {
		d.err = ErrFact
		return ""
	}
	s := string(d.b[d.off : d.off+int(n)])
	d.off += int(n)
	if !utf8.ValidString(s) {
		d.err = ErrFact
	}
	return s
}
