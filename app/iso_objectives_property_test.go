package app_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/demo"
	"hoso/iso"
	"hoso/report"
	"hoso/store"
)

// Over random demo years, every measured objective's figure equals the
// figure II.06a and the dashboard give for the same office and period:
// the year to date, and each of its months.
func TestIsoObjectivesEqualTheReportsOverDemoYears(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: three demo years")
	}
	for i, seed := range []uint64{3, 11, 29} {
		start := time.Date(2025, 12, 1+7*i, 0, 0, 0, 0, time.UTC)
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			clock := demo.NewClock(start)
			st, err := store.Open(store.Options{InMemory: true, Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Projections: app.Projections(), Now: clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			core := &app.Core{}
			core.Ready(app.Deps{Store: st, PeerID: "p", DataDir: t.TempDir()})
			svcs := app.NewServices(core, app.ServicesOptions{Now: clock.Now, Auth: app.AuthOptions{Password: app.PasswordParams{Time: 1, MemoryKiB: 64, Threads: 1}}})
			if _, err := demo.Run(demo.Options{Services: svcs, Clock: clock, Dossiers: 60, Seed: seed}); err != nil {
				t.Fatal(err)
			}
			call := func(method string, params, out any) {
				t.Helper()
				b, _ := json.Marshal(params)
				res, err := svcs.CallAs(context.Background(), "", true, method, b)
				if err != nil {
					t.Fatalf("%s: %v", method, err)
				}
				raw, _ := json.Marshal(res)
				if err := json.Unmarshal(raw, out); err != nil {
					t.Fatal(err)
				}
			}
			year := clock.Now().In(calendar.Zone).Year()
			var objs app.ObjectivesReply
			call("Iso.Objectives", app.ObjectivesRequest{Office: demo.Home.Code, Year: year}, &objs)
			if len(objs.Objectives) != 4 {
				t.Fatalf("%d objectives", len(objs.Objectives))
			}
			period := func(label string) app.ReportRequest {
				return app.ReportRequest{Office: demo.Home.Code, Period: label, Window: string(report.WindowCalendar)}
			}
			var ii app.II06aReply
			var dash app.DashboardReply
			call("Reports.II06a", period(fmt.Sprint(year)), &ii)
			call("Reports.Dashboard", period(fmt.Sprint(year)), &dash)
			checked := 0
			for _, r := range objs.Objectives {
				switch r.Objective.Metric {
				case iso.MetricOnTimeRate:
					checkRate(t, "year", r.Numerator, r.Denominator, r.Value, ii.Total.Counts.Col(report.ColEarly)+ii.Total.Counts.Col(report.ColOnTime), ii.Total.Counts.Col(report.ColResolved))
					for _, m := range r.Trend {
						if !m.Known {
							continue
						}
						var mi app.II06aReply
						call("Reports.II06a", period(m.Month), &mi)
						checkRate(t, m.Month, m.Numerator, m.Denominator, m.Value, mi.Total.Counts.Col(report.ColEarly)+mi.Total.Counts.Col(report.ColOnTime), mi.Total.Counts.Col(report.ColResolved))
						checked++
					}
				case iso.MetricSatisfaction:
					for _, tg := range dash.Targets {
						if tg.Key == report.TargetSatisfied {
							checkRate(t, "satisfaction", r.Numerator, r.Denominator, r.Value, tg.Numerator, tg.Denominator)
							checked++
						}
					}
				}
			}
			if checked < 2 || ii.Total.Counts.Col(report.ColResolved) == 0 {
				t.Errorf("only %d figures compared; resolved %d", checked, ii.Total.Counts.Col(report.ColResolved))
			}
		})
	}
}

// checkRate compares an objective's figure with the report's counts.
func checkRate(t *testing.T, what string, num, den int, value float64, wantNum, wantDen int) {
	t.Helper()
	want := 0.0
	if wantDen > 0 {
		want = 100 * float64(wantNum) / float64(wantDen)
	}
	if num != wantNum || den != wantDen || value != want {
		t.Errorf("%s: objective %d/%d = %v, report %d/%d = %v", what, num, den, value, wantNum, wantDen, want)
	}
}
