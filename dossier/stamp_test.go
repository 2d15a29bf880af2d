package dossier

import (
	"errors"
	"testing"
	"time"

	"hoso/calendar"
)

// TestStamp dates each kind of action the way the service records it, with
// no store: a calendar with Tết 2026 and a three-working-day procedure with
// the default step table (clerk 3 h, officer 12 h, leader 6 h, clerk 3 h).
func TestStamp(t *testing.T) {
	cal := testCal(t)
	now := feb(12, 10, 0) // Thursday before Tết
	rules := cal.DueRulesAt(now)
	ds := Dossier{Procedure: birthProcedure()}
	extended := Dossier{Procedure: birthProcedure(), Extension: &Extension{LimitWD: 5}}
	step := func(name string, hours float64) StepPlan {
		due, err := StepDue(cal, now, hours, rules)
		if err != nil {
			t.Fatal(err)
		}
		return StepPlan{Name: name, Hours: hours, Due: due}
	}
	wd := func(n int) time.Time {
		due, err := cal.DueDate(now, n, rules)
		if err != nil {
			t.Fatal(err)
		}
		return due
	}
	officerStep := step("Thẩm định, xử lý hồ sơ", 12)
	// Two working days from 12 February end after Tết, on 23 February.
	if d := wd(2); d.Month() != time.February || d.Day() != 23 {
		t.Fatalf("two working days from 12 February: %v", d)
	}

	cases := []struct {
		name       string
		d          Dossier
		body       Body
		want       Body
		wantOffice string
		wantField  string // of a *StampError, "" for none
		wantIs     error
	}{
		{name: "hand-over to another office", d: ds,
			body:       &HandedOver{ToOffice: district},
			want:       &HandedOver{ToOffice: district, Step: officerStep},
			wantOffice: district},
		{name: "hand-over within the office", d: ds,
			body: &HandedOver{}, want: &HandedOver{Step: officerStep}},
		{name: "assigned", d: ds,
			body: &Assigned{Officer: "u-off"}, want: &Assigned{Officer: "u-off", Step: officerStep}},
		{name: "transferred (no agency step in the table)", d: ds,
			body:       &Transferred{Office: district, TimeWD: 2},
			want:       &Transferred{Office: district, TimeWD: 2, Due: wd(2)},
			wantOffice: district},
		{name: "transferred with a negative time", d: ds,
			body: &Transferred{Office: district, TimeWD: -1}, wantField: "body.timeWD", wantIs: calendar.ErrInvalidArgument},
		{name: "consulted", d: ds,
			body:       &Consulted{Office: district, TimeWD: 2},
			want:       &Consulted{Office: district, TimeWD: 2, Due: wd(2)},
			wantOffice: district},
		{name: "consulted with a negative time", d: ds,
			body: &Consulted{Office: district, TimeWD: -3}, wantField: "body.timeWD", wantIs: calendar.ErrInvalidArgument},
		{name: "task completed", d: ds,
			body: &TaskCompleted{Task: "e001"}, want: &TaskCompleted{Task: "e001", Step: officerStep}},
		{name: "submitted", d: ds,
			body: &Submitted{}, want: &Submitted{Step: step("Lãnh đạo ký duyệt", 6)}},
		{name: "result at the desk: the last clerk step", d: ds,
			body: &ResultAtDesk{}, want: &ResultAtDesk{Step: step("Trả kết quả", 3)}},
		{name: "supplement received restarts the limit", d: ds,
			body: &SupplementReceived{}, want: &SupplementReceived{NewDue: wd(3), Step: officerStep}},
		{name: "supplement received after an extension", d: extended,
			body: &SupplementReceived{}, want: &SupplementReceived{NewDue: wd(5), Step: officerStep}},
		{name: "returned without a rating", d: ds,
			body: &Returned{Recipient: "A"}, want: &Returned{Recipient: "A"}},
		{name: "returned with a rating of the scale", d: ds,
			body: &Returned{Rating: RatingSatisfied}, want: &Returned{Rating: RatingSatisfied}},
		{name: "returned with a rating outside the scale", d: ds,
			body: &Returned{Rating: "so_so"}, wantField: "body.rating"},
		{name: "rated", d: ds,
			body: &Rated{Rating: RatingUnsatisfied}, want: &Rated{Rating: RatingUnsatisfied}},
		{name: "rated outside the scale", d: ds,
			body: &Rated{Rating: "so_so"}, wantField: "body.rating"},
		{name: "rated with no rating", d: ds,
			body: &Rated{}, wantField: "body.rating"},
		{name: "a kind with nothing to date", d: ds,
			body: &Withdrawn{Reason: "r"}, want: &Withdrawn{Reason: "r"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			office, err := Stamp(c.body, c.d, now, cal, DefaultScale())
			if c.wantField != "" {
				var se *StampError
				if !errors.As(err, &se) || se.Field != c.wantField {
					t.Fatalf("error %v, want a StampError on %s", err, c.wantField)
				}
				if c.wantIs != nil && !errors.Is(err, c.wantIs) {
					t.Errorf("error %v, want %v", err, c.wantIs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if office != c.wantOffice {
				t.Errorf("office %q, want %q", office, c.wantOffice)
			}
			got, _ := Encode(c.body)
			want, _ := Encode(c.want)
			if string(got) != string(want) {
				t.Errorf("stamped\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestStampOutsideTheCalendar: an action dated where the calendar has no
// years is refused on the body, not stamped with a zero date.
func TestStampOutsideTheCalendar(t *testing.T) {
	cal := testCal(t)
	late := time.Date(calendar.MaxYear, time.December, 30, 10, 0, 0, 0, calendar.Zone)
	_, err := Stamp(&Consulted{Office: district, TimeWD: 20}, Dossier{Procedure: birthProcedure()}, late, cal, DefaultScale())
	var se *StampError
	if !errors.As(err, &se) || se.Field != "body.timeWD" || !errors.Is(err, calendar.ErrOutOfRange) {
		t.Fatalf("got %v", err)
	}
}
