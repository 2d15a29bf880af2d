package app

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

// Reports computes the periodic report II.06a, the plan's targets,
// satisfaction and the reconciliation view, for an office or the subtree
// below it, from the facts the dossier projection keeps (report.Fact).
type Reports struct {
	core  *Core
	cal   *Calendar
	now   func() time.Time
	print *Print
	// lastSync returns when records last came from an office, zero when
	// never; nil until sync exists.
	lastSync func(office string) time.Time
	cache    factCache
}

// NewReports returns the Reports service; exports render with p, and
// "due soon" counts the working days of cal.
func NewReports(core *Core, cal *Calendar, p *Print, now func() time.Time) *Reports {
	if now == nil {
		now = time.Now
	}
	return &Reports{core: core, cal: cal, print: p, now: now}
}

// standingsNow judges the dossiers of a report's scope now, under the
// report's rules (report.StandingAt).
func (r *Reports) standingsNow(s *scope) (*standings, error) {
	cal, err := r.cal.calendarFor(s.st)
	if err != nil {
		return nil, err
	}
	return newStandings(s.st, cal, r.now()).under(s.rules), nil
}

// ReportRequest names the office (empty: the caller's), the period label
// ("2026Q4", "2026-11", "2026"), optionally the window, overriding the
// office's rules, and the data date.
type ReportRequest struct {
	Office string `json:"office"`
	Period string `json:"period"`
	Window string `json:"window"`
	// AsOf is the report's data date ("Số liệu tính đến …"): a day
	// "2026-12-10" (its end: the data of that whole day) or an instant in
	// RFC 3339. Empty is now. A date after the period's end is its end; a
	// date before its start is refused.
	AsOf string `json:"asOf"`
}

// parseAsOf reads a request's data date: a day (counted to its end) or
// an RFC 3339 instant; the zero time for "".
func parseAsOf(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, calendar.Zone); err == nil {
		return d.AddDate(0, 0, 1), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, FieldError("asOf", "%q is not a date: write 2026-12-10 or 2026-12-10T16:30:00+07:00", s)
	}
	return t, nil
}

// OfficeRef names an office in a report.
type OfficeRef struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Parent string `json:"parent"`
}

// scope is what every report works on: the office and the offices below
// it, the period, the rules and the facts of their dossiers.
type scope struct {
	st      *store.Store
	root    OfficeRecord
	offices []OfficeRecord
	depth   map[string]int
	period  report.Period
	rules   report.Rules
	facts   []report.Fact
	// raw are the facts as stored, in the same order: what the report's
	// hash covers.
	raw  [][]byte
	self string
}

// officeTree reads every office and returns them by code with their
// children, sorted by code.
func officeTree(st *store.Store) (map[string]OfficeRecord, map[string][]string, error) {
	hits, err := st.Scan(officeProjection.name, "code", store.ScanOptions{})
	if err != nil {
		return nil, nil, Wrap(CodeInternal, err, "listing offices")
	}
	byCode := map[string]OfficeRecord{}
	children := map[string][]string{}
	for _, h := range hits {
		var o OfficeRecord
		if ok, err := readState(st, officeProjection.name, h.Subject, &o); err != nil {
			return nil, nil, err
		} else if ok {
			byCode[o.Code] = o
			children[o.Parent] = append(children[o.Parent], o.Code)
		}
	}
	for _, c := range children {
		slices.Sort(c)
	}
	return byCode, children, nil
}

// subtree returns root and every office below it, root first then breadth
// first, with each office's depth in the whole tree (0 for a province).
func subtree(byCode map[string]OfficeRecord, children map[string][]string, root string) ([]OfficeRecord, map[string]int) {
	depth := map[string]int{}
	for code := range byCode {
		d, c := 0, byCode[code].Parent
		for c != "" && d < maxOfficeDepth {
			d++
			c = byCode[c].Parent
		}
		depth[code] = d
	}
	var out []OfficeRecord
	seen := map[string]bool{}
	queue := []string{root}
	for len(queue) > 0 {
		code := queue[0]
		queue = queue[1:]
		if seen[code] {
			continue
		}
		seen[code] = true
		out = append(out, byCode[code])
		queue = append(queue, children[code]...)
	}
	return out, depth
}

// officeFacts are the facts of one office's dossiers and their stored
// bytes, in the same order.
type officeFacts struct {
	facts []report.Fact
	raw   [][]byte
}

// factCache keeps the decoded facts per office until the store changes: a
// province's dashboard reads 200k facts, and reading them again for every
// figure the UI asks would dominate.
type factCache struct {
	mu       sync.Mutex
	st       *store.Store
	changes  uint64
	byOffice map[string]officeFacts
}

// scanFacts reads the facts of the dossiers one office received.
func scanFacts(st *store.Store, office string) (officeFacts, error) {
	prefix := append([]byte(office), 0)
	hits, err := st.Scan(dossierProjID, indexFact, store.ScanOptions{Prefix: prefix})
	if err != nil {
		return officeFacts{}, Wrap(CodeInternal, err, "reading the report facts")
	}
	out := officeFacts{facts: make([]report.Fact, 0, len(hits)), raw: make([][]byte, 0, len(hits))}
	for _, h := range hits {
		b := h.Key[len(prefix):]
		f, err := report.DecodeFact(b)
		if err != nil {
			return officeFacts{}, Wrap(CodeTampered, err, "a report fact of "+h.Subject+" does not decode")
		}
		out.facts = append(out.facts, f)
		out.raw = append(out.raw, b)
	}
	return out, nil
}

// loadFacts returns the facts of the dossiers received by the offices, in
// office order, and their stored bytes: from the cache when the store has
// not changed since, else read on every core.
func (c *factCache) loadFacts(st *store.Store, offices []OfficeRecord) ([]report.Fact, [][]byte, error) {
	changes := st.Changes()
	c.mu.Lock()
	if c.st != st || c.changes != changes || c.byOffice == nil {
		c.st, c.changes, c.byOffice = st, changes, map[string]officeFacts{}
	}
	var missing []string
	for _, o := range offices {
		if _, ok := c.byOffice[o.Code]; !ok {
			missing = append(missing, o.Code)
		}
	}
	c.mu.Unlock()

	loaded := make([]officeFacts, len(missing))
	errs := make([]error, len(missing))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(missing)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(missing); i = int(next.Add(1) - 1) {
				loaded[i], errs[i] = scanFacts(st, missing[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st == st && c.changes == changes {
		for i, code := range missing {
			c.byOffice[code] = loaded[i]
		}
	}
	byCode := map[string]officeFacts{}
	for i, code := range missing {
		byCode[code] = loaded[i]
	}
	n := 0
	for _, o := range offices {
		of, ok := byCode[o.Code]
		if !ok {
			of = c.byOffice[o.Code]
			byCode[o.Code] = of
		}
		n += len(of.facts)
	}
	facts := make([]report.Fact, 0, n)
	raw := make([][]byte, 0, n)
	for _, o := range offices {
		facts = append(facts, byCode[o.Code].facts...)
		raw = append(raw, byCode[o.Code].raw...)
	}
	return facts, raw, nil
}

// scopeFor resolves a report request: the office (the caller's when
// empty), its subtree, the rules in force, the period and the facts.
func (r *Reports) scopeFor(ctx context.Context, req ReportRequest) (*scope, error) {
	d, err := r.core.Deps()
	if err != nil {
		return nil, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	byCode, children, err := officeTree(d.Store)
	if err != nil {
		return nil, err
	}
	root, ok := byCode[office]
	if !ok {
		return nil, &Error{Code: CodeNotFound, Field: "office", Message: "no office " + office, Params: map[string]string{"code": office}}
	}
	rules, err := reportRules(d.Store, office)
	if err != nil {
		return nil, err
	}
	rules = rules.Normalized()
	window := report.Window(strings.TrimSpace(req.Window))
	if window == "" {
		window = rules.Window
	}
	if window != report.WindowFifteenth && window != report.WindowCalendar {
		return nil, FieldError("window", "the window must be %q or %q", report.WindowFifteenth, report.WindowCalendar)
	}
	rules.Window = window
	label := strings.TrimSpace(req.Period)
	if label == "" {
		label = currentQuarter(r.now())
	}
	period, err := report.ParsePeriod(label, window)
	if err != nil {
		return nil, FieldError("period", "%q is not a period: write a quarter 2026Q4, a month 2026-11 or a year 2026", label)
	}
	asOf, err := parseAsOf(req.AsOf)
	if err != nil {
		return nil, err
	}
	if !asOf.IsZero() && asOf.Before(period.Start) {
		return nil, FieldError("asOf", "the data date must not be before the period's start %s", period.From)
	}
	if asOf.IsZero() {
		asOf = r.now()
	}
	period = period.At(asOf)
	offices, depth := subtree(byCode, children, office)
	facts, raw, err := r.cache.loadFacts(d.Store, offices)
	if err != nil {
		return nil, err
	}
	self, _ := d.Store.Local(store.LocalOfficeCode)
	return &scope{st: d.Store, root: root, offices: offices, depth: depth, period: period, rules: rules, facts: facts, raw: raw, self: string(self)}, nil
}

// currentQuarter is the label of the quarter t falls in.
func currentQuarter(t time.Time) string {
	t = t.In(calendar.Zone)
	return fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())+2)/3)
}

// receiver names the office a scope's report goes to: the nearest office
// above its root that has not ended by the report's data date, "" for a
// province.
func (s *scope) receiver() string {
	day := calendar.DateOf(s.period.Cut().Add(-time.Second)).String()
	code := s.root.Parent
	for range maxOfficeDepth {
		if code == "" {
			break
		}
		o, err := getOffice(s.st, code)
		if err != nil {
			break
		}
		if !endedBy(o, day) {
			return o.Name
		}
		code = o.Parent
	}
	return ""
}

// refs names the offices of a scope.
func (s *scope) refs() []OfficeRef {
	out := make([]OfficeRef, len(s.offices))
	for i, o := range s.offices {
		out[i] = OfficeRef{Code: o.Code, Name: o.Name, Parent: o.Parent}
	}
	return out
}

// freshness says how recent each office's records are here.
func (r *Reports) freshness(s *scope) []report.Freshness {
	latest := map[string]int64{}
	for i := range s.facts {
		f := &s.facts[i]
		latest[f.Office] = max(latest[f.Office], f.Received, f.Resolved, f.Closed, f.Rated)
	}
	out := make([]report.Freshness, len(s.offices))
	for i, o := range s.offices {
		fr := report.Freshness{Office: o.Code, Name: o.Name, Local: o.Code == s.self}
		if t := latest[o.Code]; t > 0 {
			fr.Latest = time.Unix(t, 0).In(calendar.Zone)
		}
		if r.lastSync != nil && !fr.Local {
			fr.LastSync = r.lastSync(o.Code)
		}
		out[i] = fr
	}
	return out
}

// sectors maps procedure codes to their sector in the current catalog.
func sectors(st *store.Store) (map[string]string, error) {
	recs, err := (&Catalog{}).all(st)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(recs))
	for _, r := range recs {
		if v, ok := r.current(); ok {
			m[v.Procedure.Code] = v.Procedure.Sector
		}
	}
	return m, nil
}

// II06aReply is the report II.06a of an office or subtree for a period.
type II06aReply struct {
	Office     string             `json:"office"`
	OfficeName string             `json:"officeName"`
	Period     report.Period      `json:"period"`
	Rules      report.Rules       `json:"rules"`
	Offices    []OfficeRef        `json:"offices"`
	Rows       []report.Row       `json:"rows"`
	Total      report.Row         `json:"total"`
	Freshness  []report.Freshness `json:"freshness"`
	// AsOf is the data date the figures are computed at ("Số liệu tính
	// đến …"): the request's, now, or the period's end, whichever is
	// earliest.
	AsOf time.Time `json:"asOf"`
	// Receiver is the office the report goes to ("Đơn vị nhận báo cáo"):
	// the office above, "" for a province.
	Receiver string `json:"receiver"`
	// Withdrawn and Stopped count the dossiers withdrawn and stopped in the
	// period, placed by EndedPlacement (the rules'): "note" below the
	// table, "on_time" also in columns 7 and 9.
	Withdrawn      int    `json:"withdrawn"`
	Stopped        int    `json:"stopped"`
	EndedPlacement string `json:"endedPlacement"`
	// Verify is the QR text printed on the report: the office, the
	// report, how many dossiers it counts and a hash of their facts.
	Verify      string    `json:"verify"`
	GeneratedAt time.Time `json:"generatedAt"`
}

// reportSubject names a report in its QR text: the office, the period and
// its window, and the data date in Unix seconds when it is before the
// period's end.
func reportSubject(office string, p report.Period) string {
	s := "report/ii06a/" + office + "/" + p.Label + "/" + string(p.Window)
	if cut := p.Cut(); cut.Before(p.End) {
		s += "/" + strconv.FormatInt(cut.Unix(), 10)
	}
	return s
}

// reportHash is the hash of what a report counts: its rules and the stored
// facts of every dossier with a count in it, in the order they are read
// (the offices' codes breadth first, then the facts' bytes), which is the
// same on every node holding the same records.
func reportHash(s *scope) (string, int) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%t\x00", s.rules.Window, s.rules.CountFromReceptionDay)
	// What was added later enters the hash only when it differs from what
	// reports computed before it did, so their printed codes still verify.
	if r := s.rules.Normalized(); r.TimingBasis != dossier.TimingBasisOriginal || r.EndedPlacement != report.EndedInNote {
		fmt.Fprintf(h, "%s\x00%s\x00", r.TimingBasis, r.EndedPlacement)
	}
	if cut := s.period.Cut(); cut.Before(s.period.End) {
		fmt.Fprintf(h, "asof\x00%d\x00", cut.Unix())
	}
	n := 0
	var size [binary.MaxVarintLen64]byte
	for i := range s.facts {
		if len(report.Columns(&s.facts[i], s.period, s.rules)) == 0 {
			continue
		}
		n++
		h.Write(size[:binary.PutUvarint(size[:], uint64(len(s.raw[i])))])
		h.Write(s.raw[i])
	}
	return hex.EncodeToString(h.Sum(nil))[:32], n
}

// compute builds the II.06a reply of a scope.
func (r *Reports) compute(s *scope) (II06aReply, error) {
	sec, err := sectors(s.st)
	if err != nil {
		return II06aReply{}, err
	}
	table := report.Compute(report.Input{Facts: s.facts, Period: s.period, Rules: s.rules, Sector: func(code string) string { return sec[code] }})
	hash, n := reportHash(s)
	return II06aReply{
		Office: s.root.Code, OfficeName: s.root.Name, Period: s.period, Rules: s.rules, Offices: s.refs(),
		Rows: table.Rows, Total: table.Total, Freshness: r.freshness(s),
		AsOf: s.period.Cut(), Receiver: s.receiver(), Withdrawn: table.Withdrawn, Stopped: table.Stopped, EndedPlacement: table.EndedPlacement,
		Verify:      strings.Join([]string{verifyPrefix, s.root.Code, reportSubject(s.root.Code, s.period), fmt.Sprint(n), hash}, "|"),
		GeneratedAt: r.now().In(calendar.Zone),
	}, nil
}

// II06a computes the report "Tình hình, kết quả giải quyết TTHC" for an
// office and every office below it: one row per sector and the total.
func (r *Reports) II06a(ctx context.Context, req ReportRequest) (II06aReply, error) {
	s, err := r.scopeFor(ctx, req)
	if err != nil {
		return II06aReply{}, err
	}
	return r.compute(s)
}

// verifyReport checks a printed report's QR text: the same rules and facts
// give the same hash.
func (r *Reports) verifyReport(out VerifyReply, hash string) (VerifyReply, error) {
	return r.verifyCounted(out, hash, "report/ii06a/", "report", func(s *scope) (string, int, error) {
		now, n := reportHash(s)
		return now, n, nil
	})
}

// verifyCounted checks the QR text of a printed count of dossiers (II.06a,
// the index): its subject, after prefix, names the office, the period,
// the window and the moment counted ("office/period/window[/unix]"); the
// scope they give is counted again by hash and compared. what names the
// document in the details.
func (r *Reports) verifyCounted(out VerifyReply, hash, prefix, what string, count func(*scope) (string, int, error)) (VerifyReply, error) {
	parts := strings.Split(strings.TrimPrefix(out.Subject, prefix), "/")
	notOurs := FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	if len(parts) < 3 || len(parts) > 4 || parts[0] != out.Office {
		return VerifyReply{}, notOurs
	}
	req := ReportRequest{Office: parts[0], Period: parts[1], Window: parts[2], AsOf: "9999-12-31"}
	if len(parts) == 4 {
		sec, err := strconv.ParseInt(parts[3], 10, 64)
		if err != nil {
			return VerifyReply{}, notOurs
		}
		req.AsOf = time.Unix(sec, 0).In(calendar.Zone).Format(time.RFC3339)
	}
	s, err := r.scopeFor(context.Background(), req)
	var e *Error
	switch {
	case errors.As(err, &e) && e.Code == CodeNotFound:
		out.Status = VerifyUnknown
		return out, nil
	case err != nil:
		return VerifyReply{}, err
	}
	now, n, err := count(s)
	if err != nil {
		return VerifyReply{}, err
	}
	out.CurrentEvents = n
	if now == hash {
		out.Status = VerifyMatch
		return out, nil
	}
	out.Status = VerifyDiffers
	out.Details = []string{fmt.Sprintf("the %s counted %d dossiers; counted again now it has %d, and their records differ from the printed figures", what, out.PrintedEvents, n)}
	return out, nil
}
