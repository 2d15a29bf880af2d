package complaint

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"hoso/calendar"
)

func vn(month time.Month, day, hour int) time.Time {
	return time.Date(2026, month, day, hour, 0, 0, 0, calendar.Zone)
}

func testCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.New(calendar.Options{Rules: calendar.DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func TestDueDates(t *testing.T) {
	cal := testCalendar(t)
	cases := []struct {
		name                 string
		at                   time.Time
		refuse, more, answer string
	}{
		// Monday morning: counted from that day.
		{"monday", vn(11, 23, 9), "2026-11-25", "2026-11-30", "2026-12-14"},
		// After 15:00 it counts from the next working day.
		{"late afternoon", vn(11, 23, 16), "2026-11-26", "2026-12-01", "2026-12-15"},
		// A Saturday counts from Monday.
		{"saturday", vn(11, 21, 9), "2026-11-25", "2026-11-30", "2026-12-14"},
	}
	for _, c := range cases {
		d, err := DueDates(cal, calendar.DueRules{}, c.at, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		got := []string{d.Refuse.Format(time.DateOnly), d.AskMore.Format(time.DateOnly), d.Answer.Format(time.DateOnly)}
		if want := []string{c.refuse, c.more, c.answer}; !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", c.name, got, want)
		}
	}
	p, err := PublishDue(cal, calendar.DueRules{}, vn(12, 10, 9), DefaultLimits())
	if err != nil || p.Format(time.DateOnly) != "2026-12-14" {
		t.Fatalf("publish due %v %v", p, err)
	}
}

// received is a complaint received on Monday 23 November 2026 at 09:00.
func received(t *testing.T) Complaint {
	t.Helper()
	d, err := DueDates(testCalendar(t), calendar.DueRules{}, vn(11, 23, 9), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	var c Complaint
	r := Received{ID: "PA-1", Office: "38001", ReceivedBy: "38001", At: vn(11, 23, 9), Channel: ChannelDesk,
		From: Person{Name: "Nguyễn Văn A", Contact: "0912345678"}, Text: "Trả kết quả chậm", Due: d}
	if !c.Apply(KindReceived, mustJSON(r)) || c.State != StateReceived {
		t.Fatalf("received: %+v", c)
	}
	return c
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestTransitions(t *testing.T) {
	type step struct {
		kind string
		body any
		ok   bool
	}
	answer := Answer{Act: Act{By: "u1", At: vn(12, 1, 9), Text: "Đã chấn chỉnh"}, PublishDue: vn(12, 3, 17)}
	classify := Classification{Category: CategoryProcedure}
	cases := []struct {
		name  string
		steps []step
		state State
	}{
		{"answer needs a category", []step{{KindAnswered, answer, false}}, StateReceived},
		{"classified and answered, published, rated", []step{{KindClassified, classify, true}, {KindAnswered, answer, true}, {KindPublished, Act{At: vn(12, 2, 9)}, true},
			{KindRated, Rating{Satisfied: true}, true}, {KindRated, Rating{Satisfied: false}, false}}, StatePublished},
		{"refusal needs its reason", []step{{KindRefused, Act{}, false}, {KindRefused, Act{Text: "Không thuộc thẩm quyền"}, true}, {KindAnswered, answer, false}}, StateRefused},
		{"more asked, then answered", []step{{KindMoreRequested, Act{Text: "Bản chụp giấy hẹn"}, true}, {KindClassified, classify, true}, {KindAnswered, answer, true}}, StateAnswered},
		{"a second answer is ignored", []step{{KindClassified, classify, true}, {KindAnswered, answer, true}, {KindAnswered, answer, false}, {KindClassified, classify, false}}, StateAnswered},
		{"publish before the answer", []step{{KindPublished, Act{}, false}, {KindRated, Rating{}, false}}, StateReceived},
		{"unknown category", []step{{KindClassified, Classification{Category: "x"}, false}}, StateReceived},
	}
	for _, c := range cases {
		x := received(t)
		for i, s := range c.steps {
			if got := x.Apply(s.kind, mustJSON(s.body)); got != s.ok {
				t.Errorf("%s: step %d %s applied %v", c.name, i, s.kind, got)
			}
		}
		if x.State != c.state {
			t.Errorf("%s: state %s, want %s", c.name, x.State, c.state)
		}
	}
	var none Complaint
	if none.Apply(KindAnswered, mustJSON(answer)) || none.Can(KindClassified, "") == nil {
		t.Fatal("an act before the reception")
	}
	r := received(t)
	if err := r.Can(KindAnswered, "x"); err == nil || err.Rule != RuleNeedsCategory {
		t.Fatalf("rule: %v", err)
	}
}

func TestLate(t *testing.T) {
	answerAt := func(at time.Time) Answer {
		return Answer{Act: Act{At: at, Text: "trả lời"}, PublishDue: at.AddDate(0, 0, 2)}
	}
	cases := []struct {
		name   string
		steps  map[string]any // kind → body, applied in Kinds() order
		now    time.Time
		late   []string
		onTime bool
	}{
		{"waiting, in time", nil, vn(12, 14, 16), nil, false},
		{"waiting past the due day", nil, vn(12, 15, 8), []string{ActAnswer}, false},
		{"answered on the due day", map[string]any{KindAnswered: answerAt(vn(12, 14, 16))}, vn(12, 15, 9), nil, true},
		{"answered a day late", map[string]any{KindAnswered: answerAt(vn(12, 15, 9))}, vn(12, 15, 10), []string{ActAnswer}, false},
		{"answered, not published in time", map[string]any{KindAnswered: answerAt(vn(12, 1, 9))}, vn(12, 4, 9), []string{ActPublish}, true},
		{"published late", map[string]any{KindAnswered: answerAt(vn(12, 1, 9)), KindPublished: Act{At: vn(12, 4, 9)}}, vn(12, 5, 9), []string{ActPublish}, true},
		{"refused on time, never answered", map[string]any{KindRefused: Act{At: vn(11, 25, 16), Text: "r"}}, vn(12, 30, 9), nil, false},
		{"refused late", map[string]any{KindRefused: Act{At: vn(11, 26, 9), Text: "r"}}, vn(11, 26, 9), []string{ActRefuse}, false},
		{"asked for more late", map[string]any{KindMoreRequested: Act{At: vn(12, 1, 9), Text: "m"}}, vn(12, 1, 9), []string{ActAskMore}, false},
	}
	for _, c := range cases {
		x := received(t)
		x.Apply(KindClassified, mustJSON(Classification{Category: CategoryConduct}))
		for _, k := range Kinds() {
			if b, ok := c.steps[k]; ok && !x.Apply(k, mustJSON(b)) {
				t.Fatalf("%s: %s not applied", c.name, k)
			}
		}
		if got := x.Late(c.now); !slices.Equal(got, c.late) {
			t.Errorf("%s: late %v, want %v", c.name, got, c.late)
		}
		if want := slices.Contains(c.late, ActAnswer) && x.Answer == nil || slices.Contains(c.late, ActPublish) && x.Published == nil; x.Overdue(c.now) != want {
			t.Errorf("%s: overdue %v", c.name, !want)
		}
		if x.AnsweredOnTime() != c.onTime {
			t.Errorf("%s: on time %v", c.name, !c.onTime)
		}
	}
	if LateCause("PA-1") != "complaint:PA-1:late" {
		t.Fatal(LateCause("PA-1"))
	}
}

func TestReceivedValidate(t *testing.T) {
	good := received(t).Received
	cases := []struct {
		name  string
		edit  func(*Received)
		field string
	}{
		{"id", func(r *Received) { r.ID = "a/b" }, "id"},
		{"channel", func(r *Received) { r.Channel = "fax" }, "channel"},
		{"name", func(r *Received) { r.From.Name = " " }, "from.name"},
		{"text", func(r *Received) { r.Text = "" }, "text"},
		{"category", func(r *Received) { r.Category = "x" }, "category"},
	}
	for _, c := range cases {
		r := good
		c.edit(&r)
		err, _ := r.Validate().(*RuleError)
		if err == nil || err.Field != c.field {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if good.Validate() != nil {
		t.Fatal(good.Validate())
	}
	if Subject("38001", "PA-1") != "complaint/38001/PA-1" || SubjectOffice("complaint/38001/PA-1") != "38001" {
		t.Fatal("subject")
	}
}
