package app_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/complaint"
	"hoso/demo"
	"hoso/dossier"
	"hoso/iso"
	"hoso/p2p"
	"hoso/plan"
	"hoso/store"
	"hoso/trust"
)

// The projection contract is what the store asks of every projection
// (store.Projection): folding a subject's events in steps gives the state
// and index entries folding them at once gives, and folding again from
// scratch (a rebuild, a late event) gives what the fresh folds gave. This
// suite runs every registered projection through it, over the events the
// real services write, as one storage suite runs over every backend.

// foldOf is one fold's result, comparable: the state's bytes and the index
// entries as a sorted list.
type foldOf struct {
	state []byte
	index []string
}

func (f foldOf) equal(g foldOf) bool {
	return bytes.Equal(f.state, g.state) && slices.Equal(f.index, g.index)
}

func (f foldOf) String() string { return fmt.Sprintf("state %s, index %q", f.state, f.index) }

func entryString(index string, key []byte) string { return index + "\x00" + string(key) }

func result(out store.Folded) foldOf {
	f := foldOf{state: out.State}
	for _, e := range out.Index {
		f.index = append(f.index, entryString(e.Index, e.Key))
	}
	slices.Sort(f.index)
	return f
}

// corpus is a store filled by the services, and every event it holds by
// subject, in fold order.
type corpus struct {
	dir      string
	st       *store.Store
	subjects map[string][]*store.Event
}

// buildCorpus runs the demo year (every path a dossier takes) on a store in
// a folder, then the writes the demo does not make, so that every
// projection has subjects to fold.
func buildCorpus(t *testing.T) *corpus {
	t.Helper()
	dir := t.TempDir()
	clock := demo.NewClock(time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC))
	st, err := store.Open(store.Options{Dir: dir, Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Projections: registered(), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: "p", DataDir: dir})
	svcs := app.NewServices(core, app.ServicesOptions{Now: clock.Now, Auth: app.AuthOptions{Password: app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}}})
	if _, err := demo.Run(demo.Options{Services: svcs, Clock: clock, Dossiers: 40, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	extraWrites(t, st, svcs, clock.Now())
	c := &corpus{dir: dir, st: st, subjects: map[string][]*store.Event{}}
	c.load(t)
	return c
}

// load reads every event the store holds, grouped by subject.
func (c *corpus) load(t *testing.T) {
	t.Helper()
	v := c.st.Vector()
	for _, o := range v.Origins() {
		evs, err := c.st.After(o, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			c.subjects[e.Subject] = nil
		}
	}
	for subject := range c.subjects {
		evs, err := c.st.SubjectEvents(subject)
		if err != nil {
			t.Fatal(err)
		}
		c.subjects[subject] = evs
	}
}

// stored reads what the store holds of a projection: each subject's
// state, and its index entries among the index names given.
func stored(t *testing.T, st *store.Store, p store.Projection, subjects []string, indexes []string) map[string]foldOf {
	t.Helper()
	out := map[string]foldOf{}
	for _, s := range subjects {
		b, err := st.State(p.Name(), s)
		if err != nil {
			t.Fatalf("%s state of %s: %v", p.Name(), s, err)
		}
		out[s] = foldOf{state: b}
	}
	for _, idx := range indexes {
		hits, err := st.Scan(p.Name(), idx, store.ScanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			f := out[h.Subject]
			f.index = append(f.index, entryString(idx, h.Key))
			out[h.Subject] = f
		}
	}
	for s, f := range out {
		slices.Sort(f.index)
		out[s] = f
	}
	return out
}

// bumped presents a projection at its next version, so that Open folds
// every one of its subjects again from scratch.
type bumped struct{ store.Projection }

func (b bumped) Version() uint32 {
	if v, ok := b.Projection.(store.Versioned); ok {
		return v.Version() + 1
	}
	return 2
}

func TestProjectionContract(t *testing.T) {
	c := buildCorpus(t)
	// once holds, per projection and subject, the fold of all its events
	// at once: the reference every other way of folding must meet.
	once := map[string]map[string]foldOf{}
	indexes := map[string][]string{}
	rng := rand.New(rand.NewPCG(21, 7))
	for _, p := range registered() {
		once[p.Name()] = map[string]foldOf{}
		var subjects []string
		for s := range c.subjects {
			if p.Wants(s) {
				subjects = append(subjects, s)
			}
		}
		slices.Sort(subjects)
		if len(subjects) == 0 {
			t.Errorf("projection %q: no subject in the corpus, the contract proves nothing of it", p.Name())
			continue
		}
		multi := 0
		for _, s := range subjects {
			evs := c.subjects[s]
			out, err := p.Fold(s, nil, evs)
			if err != nil {
				t.Fatalf("%s: folding %s: %v", p.Name(), s, err)
			}
			ref := result(out)
			once[p.Name()][s] = ref
			for _, e := range out.Index {
				if !slices.Contains(indexes[p.Name()], e.Index) {
					indexes[p.Name()] = append(indexes[p.Name()], e.Index)
				}
			}
			if len(evs) > 1 {
				multi++
			}
			// In steps: every split in two, one event at a time, and
			// random runs.
			var splits [][]int
			for i := 1; i < len(evs); i++ {
				splits = append(splits, []int{i})
			}
			ones := []int{}
			for i := 1; i < len(evs); i++ {
				ones = append(ones, i)
			}
			splits = append(splits, ones)
			for range 3 {
				var cut []int
				for i := 1; i < len(evs); i++ {
					if rng.IntN(3) == 0 {
						cut = append(cut, i)
					}
				}
				splits = append(splits, cut)
			}
			for _, cut := range splits {
				got, err := foldInSteps(p, s, evs, cut)
				if err != nil {
					t.Fatalf("%s: folding %s in steps %v: %v", p.Name(), s, cut, err)
				}
				if !got.equal(ref) {
					t.Fatalf("%s: %s folded in steps at %v:\n  %v\nat once:\n  %v", p.Name(), s, cut, got, ref)
				}
			}
		}
		if multi == 0 {
			t.Errorf("projection %q: no subject with two events or more, folding in steps proves nothing of it", p.Name())
		}
		t.Logf("%s: %d subjects, %d with several events", p.Name(), len(subjects), multi)
	}

	// Every event the services wrote is of a kind the schema lists for
	// its subject's family.
	for s, evs := range c.subjects {
		sp, ok := app.SpaceOf(s)
		for _, e := range evs {
			if !ok || !sp.HasKind(e.Kind) {
				t.Errorf("event %s of %s: its kind is not listed for the family %q in app.Schema", e.Kind, s, sp.Prefix)
			}
		}
	}

	// The fresh folds: what the store kept as the services wrote.
	check := func(when string, st *store.Store) {
		t.Helper()
		for _, p := range registered() {
			want := once[p.Name()]
			got := stored(t, st, p, slices.Sorted(maps.Keys(want)), indexes[p.Name()])
			for s, w := range want {
				if !got[s].equal(w) {
					t.Errorf("%s: %s %s:\n  %v\nfolded at once:\n  %v", when, p.Name(), s, got[s], w)
				}
			}
			for s := range got {
				if _, ok := want[s]; !ok {
					t.Errorf("%s: %s has index entries for %s, which it does not fold", when, p.Name(), s)
				}
			}
		}
	}
	check("written by the services", c.st)

	// A second node receiving the same events in random batches, in a
	// random order (late events fold their subjects again).
	check("received in random batches", receiveShuffled(t, c, rng))

	// Folding again from scratch: reopened with every projection at its
	// next version, the store rebuilds them all.
	if err := c.st.Close(); err != nil {
		t.Fatal(err)
	}
	var next []store.Projection
	for _, p := range registered() {
		next = append(next, bumped{p})
	}
	re, err := store.Open(store.Options{Dir: c.dir, Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Projections: next})
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	check("rebuilt from scratch", re)
}

// foldInSteps folds a subject's events in runs cut before each index of
// cut, each run from the state the previous left.
func foldInSteps(p store.Projection, subject string, evs []*store.Event, cut []int) (foldOf, error) {
	var state []byte
	var out store.Folded
	from := 0
	for _, to := range append(slices.Clone(cut), len(evs)) {
		var err error
		if out, err = p.Fold(subject, state, evs[from:to]); err != nil {
			return foldOf{}, err
		}
		state, from = out.State, to
	}
	return result(out), nil
}

// receiveShuffled ingests the corpus's events into a new store in random
// batches, in a random order.
func receiveShuffled(t *testing.T, c *corpus, rng *rand.Rand) *store.Store {
	t.Helper()
	var all []*store.Event
	for _, evs := range c.subjects {
		for _, e := range evs {
			d, err := store.DecodeEvent(e.Raw())
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, d)
		}
	}
	slices.SortFunc(all, func(a, b *store.Event) int { return cmp.Compare(a.Seq, b.Seq) })
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	st, err := store.Open(store.Options{InMemory: true, Signer: ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, 32)), Projections: registered()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for len(all) > 0 {
		n := min(len(all), 1+rng.IntN(200))
		if _, err := st.Ingest(all[:n]); err != nil {
			t.Fatal(err)
		}
		all = all[n:]
	}
	return st
}

// extraWrites makes the writes the demo year does not, through the
// services as the operator where they offer one, so that every projection
// has subjects to fold, several with more than one event.
func extraWrites(t *testing.T, st *store.Store, svcs *app.Services, now time.Time) {
	t.Helper()
	call := func(method string, req, out any) {
		t.Helper()
		b, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		res, err := svcs.CallAs(context.Background(), "", true, method, b)
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		if out != nil {
			raw, _ := json.Marshal(res)
			if err := json.Unmarshal(raw, out); err != nil {
				t.Fatal(err)
			}
		}
	}
	write := func(d store.Draft) {
		t.Helper()
		if _, err := st.Append(d); err != nil {
			t.Fatalf("%s %s: %v", d.Kind, d.Subject, err)
		}
	}

	// The register of records set twice (the second from the first's
	// version), and a disposal decision written as a peer would send it.
	reg := iso.DefaultRegister()
	var rr app.RegisterReply
	call("Iso.SetRegister", app.SetRegisterRequest{Register: reg}, &rr)
	reg.Classes[1].RetentionYears = 3
	call("Iso.SetRegister", app.SetRegisterRequest{Register: reg, Base: rr.Version}, nil)
	// Written twice, the second changing its list: a decision is taken
	// once, and the fold keeps the first.
	for _, code := range []string{"38001-231103-0001", "38001-231103-0002"} {
		write(store.Draft{Actor: "operator", Owner: rr.Office, Kind: iso.KindDisposalApproved, Subject: iso.DisposalSubject(rr.Office, "251127-contract"),
			Body: mustJSON(t, iso.DisposalApproved{ID: "251127-contract", Office: rr.Office, Class: "chung-thuc-chu-ky", Retention: 2, AsOf: "2025-11-27", Codes: []string{code}, ApprovedBy: "operator", ApprovedAt: now})})
	}

	// Decision 3170's plan addressed once more (a plan for more offices
	// than one event names), and a reminder written twice as a peer
	// would send it: a reminder is recorded once, the fold keeps the first.
	write(store.Draft{Actor: "operator", Owner: "38", Audience: []string{"38003"}, Kind: plan.KindAddressed, Subject: plan.Subject("38", "38-3170-2012"), Body: []byte("{}")})
	for _, note := range []string{"Đề nghị báo cáo", "Đề nghị báo cáo gấp"} {
		write(store.Draft{Actor: "operator", Owner: "38", Audience: []string{"38002"}, Kind: plan.KindReminded, Subject: plan.RemindSubject("38", "contract"),
			Body: mustJSON(t, app.Reminder{ID: "contract", Plan: "38-3170-2012", Task: "II.2.5", Office: "38002", From: "38", Note: note})})
	}
	// The reminded commune acknowledging it twice, as two of its desks
	// might: the fold keeps the first.
	for range 2 {
		write(store.Draft{Actor: "operator", Owner: "38002", Kind: "plan.acknowledged", Subject: "planack/38002/contract",
			Body: []byte(`{"reminder":"contract","office":"38002"}`)})
	}

	// A user saved, then disabled.
	var u app.UserInfo
	call("Users.Save", app.SaveUserRequest{Username: "contract", FullName: "Lê Văn Hợp Đồng", Office: demo.Home.Code, Roles: []app.Role{app.RoleClerk}, Password: "mat-khau-hop-dong"}, &u)
	call("Users.Disable", app.DisableRequest{ID: u.ID, Disabled: true}, nil)
	// A year's days off overridden twice, then the override removed.
	for _, day := range []int{5, 6} {
		d, err := calendar.NewDate(2027, time.January, day)
		if err != nil {
			t.Fatal(err)
		}
		call("Calendar.SetOverride", app.OverrideRequest{Override: calendar.Override{Year: 2027, ExtraDaysOff: []calendar.NamedDate{{Date: d}}}}, nil)
	}
	call("Calendar.RemoveOverride", app.YearRequest{Year: 2027}, nil)
	// The office's calendar rules published twice.
	for _, eff := range []string{"2026-01-01", "2027-01-01"} {
		call("Calendar.SetRules", app.CalendarRules{Rules: calendar.DefaultRules(), Basis: "Quyết định của xã " + eff, Effective: eff}, nil)
	}
	// The rating scale changed twice.
	five := dossier.Scale{
		{Value: "r5", VI: "Rất hài lòng", Satisfied: true}, {Value: "r4", VI: "Hài lòng", Satisfied: true},
		{Value: "r3", VI: "Bình thường"}, {Value: "r2", VI: "Không hài lòng"}, {Value: "r1", VI: "Rất không hài lòng"},
	}
	call("Dossiers.SetRatingScale", app.ScaleReply{Scale: five}, nil)
	call("Dossiers.SetRatingScale", app.ScaleReply{Scale: five[:3]}, nil)
	// A template changed twice, then reset.
	var list app.TemplatesReply
	call("Print.Templates", app.TemplatesRequest{}, &list)
	tp := list.Templates[0].Template
	for _, v := range []string{".1", ".2"} {
		tp.Version = demo.Home.Code + "-2027" + v
		call("Print.SetTemplate", app.SetTemplateRequest{Template: tp}, nil)
	}
	call("Print.ResetTemplate", app.ResetTemplateRequest{Set: list.Set, Doc: list.Templates[0].Doc}, nil)
	// The report rules set twice.
	var rules app.RulesReply
	call("Reports.Rules", app.RulesRequest{}, &rules)
	call("Reports.SetRules", app.SetRulesRequest{Rules: rules.Rules}, nil)
	rules.Rules.DueSoonDays++
	call("Reports.SetRules", app.SetRulesRequest{Rules: rules.Rules}, nil)
	// The complaint legal times set twice.
	for _, answer := range []int{10, 12} {
		call("Complaints.SetLimits", complaint.LimitsSet{Limits: complaint.Limits{Refuse: 2, AskMore: 5, Answer: answer, Publish: 2}, Basis: "Quyết định của tỉnh"}, nil)
	}
	// Manual scores entered twice for one quarter.
	for _, v := range []float64{1, 2} {
		call("Reports.SetScores", app.ScoresRequest{ReportRequest: app.ReportRequest{Period: "2025Q4"}, Who: demo.Home.Code, Scores: map[string]float64{"legality": v}}, nil)
	}
	// The print settings set twice.
	for _, n := range []int{2, 3} {
		call("Print.SetSettings", app.SetSettingsRequest{Settings: app.PrintSettings{ReceiptCopies: n}}, nil)
	}
	// A procedure defined again, as an import of a newer catalog does.
	evs, err := st.SubjectEvents("procedure/" + firstProcedure(t, st))
	if err != nil || len(evs) == 0 {
		t.Fatalf("no procedure to define again: %v", err)
	}
	e := evs[0]
	write(store.Draft{Actor: e.Actor, Owner: e.Owner, Kind: e.Kind, Subject: e.Subject, Body: e.Body})
	// An incomplete intake and an access to personal data, each recorded
	// twice (a repeated write from a retry): the first one stands.
	for range 2 {
		write(store.Draft{Actor: "operator", Owner: demo.Home.Code, Kind: "intake.incomplete", Subject: "intake/" + demo.Home.Code + "/contract",
			Body: mustJSON(t, app.IntakeAttempt{ID: "contract", Office: demo.Home.Code, At: now})})
		write(store.Draft{Actor: "operator", Owner: demo.Home.Code, Kind: "access.read", Subject: "access/" + demo.Home.Code + "/contract",
			Body: mustJSON(t, app.AccessEntry{ID: "contract", At: now, Actor: "operator"})})
	}
	// A device enrolled, enrolled again (renewed) and revoked.
	rootKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
	root, err := trust.NewRoot(rootKey, "38", now, 10)
	if err != nil {
		t.Fatal(err)
	}
	device := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32))
	for _, days := range []int{30, 60} {
		ch, err := trust.Issue(rootKey, trust.Chain{root}, device.Public().(ed25519.PublicKey), "38/"+demo.Home.Code, trust.RoleCommune, now, days)
		if err != nil {
			t.Fatal(err)
		}
		if err := p2p.RecordCertificate(st, "operator", demo.Home.Code, ch); err != nil {
			t.Fatal(err)
		}
	}
	id, err := p2p.PeerIDOf(device.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := p2p.RecordRevocation(st, "operator", trust.Chain{root}, id); err != nil {
			t.Fatal(err)
		}
	}
}

// firstProcedure returns the code of a procedure the store holds.
func firstProcedure(t *testing.T, st *store.Store) string {
	t.Helper()
	hits, err := st.Scan("procedure", "code", store.ScanOptions{Limit: 1})
	if err != nil || len(hits) == 0 {
		t.Fatalf("no procedure: %v", err)
	}
	return hits[0].Subject[len("procedure/"):]
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
