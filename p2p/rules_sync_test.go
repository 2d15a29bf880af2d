package p2p

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/app"
	"hoso/calendar"
	"hoso/store"
	"hoso/trust"
)

// appNode is a node of the tests with the application's projections and
// services on its store, as a desk runs them.
type appNode struct {
	*node
	svc *app.Services
}

// rpc calls a service method as the node's operator and decodes the reply.
func (n *appNode) rpc(t *testing.T, method string, params, out any) {
	t.Helper()
	b, _ := json.Marshal(params)
	res, err := n.svc.CallAs(context.Background(), "", true, method, b)
	if err != nil {
		t.Fatalf("%s at %s: %v", method, n.name, err)
	}
	if out != nil {
		raw, _ := json.Marshal(res)
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
}

// due asks a node's calendar when a one-working-day procedure received on
// Monday 23 November 2026 at 09:00 falls due.
func (n *appNode) due(t *testing.T) string {
	t.Helper()
	var r app.DueDateReply
	n.rpc(t, "Calendar.DueDate", app.DueDateRequest{Received: "2026-11-23T09:00:00+07:00", WorkingDays: 1}, &r)
	return r.Due[:10]
}

func startAppNode(t *testing.T, name string, key ed25519.PrivateKey, lk crypto.PrivKey, en *Enrolment, office app.OfficeRecord) *appNode {
	t.Helper()
	st, err := store.Open(store.Options{Dir: t.TempDir(), Signer: key, Projections: append(app.Projections(), TrustProjection{})})
	if err != nil {
		t.Fatal(err)
	}
	n := &node{name: name, key: key, st: st, en: en, logs: &logBuffer{}}
	n.id, _ = peer.IDFromPrivateKey(lk)
	h, err := NewHost(HostOptions{Identity: Identity{Key: lk, PeerID: n.id}, Gater: NewGater(st, en, nil, n.logs.logf)})
	if err != nil {
		t.Fatal(err)
	}
	n.sync = NewSyncer(SyncOptions{Host: h, Store: st, Enrolment: en, Tree: offices, Logf: n.logs.logf})
	n.close = func() { h.Close(); st.Close() }
	t.Cleanup(n.close)
	core := &app.Core{}
	core.Ready(app.Deps{Store: st, PeerID: n.id.String(), DataDir: t.TempDir()})
	an := &appNode{node: n, svc: app.NewServices(core, app.ServicesOptions{})}
	an.rpc(t, "Setup.Office", app.SetupRequest{Office: office,
		Admin: app.AdminAccount{Username: "admin", FullName: "Quản trị " + name, Password: "mật khẩu quản trị"}}, nil)
	return an
}

// TestHolidayRulePublishedAtTheProvinceReachesACommune is the law as data
// end to end: the province publishes a new fixed-date holiday from 2026
// and, after sync, a commune's due date across that day moves; a rule a
// commune publishes governs that commune only, never its district nor
// another commune, though the district holds it.
func TestHolidayRulePublishedAtTheProvinceReachesACommune(t *testing.T) {
	// Its own nodes; mostly waiting on syncs.
	t.Parallel()
	pk, plk := newKey(t)
	root, err := trust.NewRoot(pk, "38", testNow, 10)
	if err != nil {
		t.Fatal(err)
	}
	p := startAppNode(t, "province", pk, plk, &Enrolment{Root: pk.Public().(ed25519.PublicKey), Chain: trust.Chain{root}},
		app.OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"})
	issue := func(name string, by *appNode, path string, role trust.Role, office app.OfficeRecord) *appNode {
		k, lk := newKey(t)
		ch, err := trust.Issue(by.key, by.en.Chain, k.Public().(ed25519.PublicKey), path, role, testNow, 30)
		if err != nil {
			t.Fatal(err)
		}
		n := startAppNode(t, name, k, lk, &Enrolment{Root: p.en.Root, Chain: ch}, office)
		if err := RecordCertificate(by.st, "admin", by.en.Chain.Leaf().Office(), ch); err != nil {
			t.Fatal(err)
		}
		return n
	}
	d := issue("district", p, "38/405", trust.RoleDistrict, app.OfficeRecord{Code: "405", Name: "UBND huyện Đông Sơn", Parent: "38"})
	a := issue("commune A", d, "38/405/38001", trust.RoleCommune, app.OfficeRecord{Code: "38001", Name: "UBND xã Đông Hòa", Parent: "405"})
	b := issue("commune B", d, "38/405/38002", trust.RoleCommune, app.OfficeRecord{Code: "38002", Name: "UBND xã Đông Yên", Parent: "405"})
	link(t, a.node, d.node)
	link(t, b.node, d.node)
	link(t, d.node, p.node)
	syncAll := func() {
		for _, pair := range [][2]*appNode{{d, p}, {d, a}, {d, b}, {p, d}, {a, d}, {b, d}} {
			pull(t, pair[0].node, pair[1].node)
		}
	}
	syncAll()
	for _, n := range []*appNode{p, d, a, b} {
		if got := n.due(t); got != "2026-11-24" {
			t.Fatalf("%s before any rule: due %s", n.name, got)
		}
	}

	// The province publishes 24 November as a holiday from 2026.
	var rules app.CalendarRulesReply
	p.rpc(t, "Calendar.Rules", app.CalendarRulesRequest{}, &rules)
	culture := rules.InForce.CalendarRules
	culture.Rules.Solar = append(culture.Rules.Solar, calendarSolar(11, 24, "Ngày Văn hóa Việt Nam", "Vietnamese Culture Day"))
	culture.Basis = "Ngày Văn hóa Việt Nam, nghỉ có hưởng lương từ năm 2026 [verify: văn bản quy định]"
	culture.Effective = "2026-01-01"
	p.rpc(t, "Calendar.SetRules", culture, nil)
	if got := a.due(t); got != "2026-11-24" {
		t.Fatalf("commune A before sync: due %s", got)
	}
	syncAll()
	for _, n := range []*appNode{p, d, a, b} {
		if got := n.due(t); got != "2026-11-25" {
			t.Errorf("%s after the province's rule: due %s, want 2026-11-25", n.name, got)
		}
	}

	// Commune A publishes a day of its own (25 November): it governs A
	// alone. The district receives the rule and does not apply it; commune
	// B never receives it.
	var own app.CalendarRulesReply
	a.rpc(t, "Calendar.Rules", app.CalendarRulesRequest{}, &own)
	mine := own.InForce.CalendarRules
	if own.InForce.Office != "38" {
		t.Fatalf("the rules in force at A come from %q, want the province's", own.InForce.Office)
	}
	mine.Rules.Solar = append(mine.Rules.Solar, calendarSolar(11, 25, "Ngày truyền thống xã", "Commune day"))
	mine.Basis, mine.Effective = "Nghị quyết của HĐND xã", "2026-01-01"
	a.rpc(t, "Calendar.SetRules", mine, nil)
	syncAll()
	if got := a.due(t); got != "2026-11-26" {
		t.Errorf("commune A after its own rule: due %s, want 2026-11-26", got)
	}
	for _, n := range []*appNode{p, d, b} {
		if got := n.due(t); got != "2026-11-25" {
			t.Errorf("%s after commune A's rule: due %s, want 2026-11-25", n.name, got)
		}
	}
	if count(t, d.node, "calendar/rules/38001") != 1 {
		t.Fatal("the commune's rule did not reach the district, so the test proves nothing")
	}
	if count(t, b.node, "calendar/rules/38001") != 0 {
		t.Error("commune B received commune A's rule")
	}
	// The history at the district shows both, and which applies there.
	var h app.RulesHistoryReply
	d.rpc(t, "Rules.History", app.RulesHistoryRequest{Kind: app.RuleKindCalendar}, &h)
	applies := map[string]bool{}
	for _, c := range h.Changes {
		applies[c.Office] = c.Applies
	}
	if len(h.Changes) != 2 || !applies["38"] || applies["38001"] {
		t.Fatalf("history at the district: %+v", h.Changes)
	}
}

func calendarSolar(month, day int, name, nameEN string) calendar.SolarHoliday {
	return calendar.SolarHoliday{Month: time.Month(month), Day: day, Name: name, NameEN: nameEN}
}
