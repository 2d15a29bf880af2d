package print

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hoso/calendar"
	"hoso/report"
)

// index766Fixture is a commune's index for 2026Q4 from hand-built facts:
// 4 of 5 dossiers scanned, one online, all resolved on time but one.
func index766Fixture() report.IndexDoc {
	p, err := report.ParsePeriod("2026Q4", report.WindowCalendar)
	if err != nil {
		panic(err)
	}
	recv := time.Date(2026, 10, 5, 9, 0, 0, 0, calendar.Zone).Unix()
	var facts []report.Fact
	for i := range 5 {
		f := report.Fact{Code: string(rune('A' + i)), Procedure: "1.000001", Received: recv, Counted: recv,
			Resolved: recv + 3*86400, Timing: "on_time", TimingCurrent: "on_time", Scanned: i > 0, EResult: i > 1, Online: i == 0,
			Dues: [][2]int64{{recv, recv + 7*86400}}}
		if i == 4 {
			f.Timing, f.TimingCurrent = "late", "late"
		}
		facts = append(facts, f)
	}
	res := report.Index(report.IndexInput{Facts: facts, Period: p, Rules: report.DefaultRules()})
	return report.IndexDoc{
		Office: "38001", OfficeName: "UBND xã Đông Hòa", ParentName: "UBND huyện Đông Sơn", Place: "Đông Hòa",
		Period: p, AsOf: p.End, Result: res, Names: map[string]string{"1.000001": "Đăng ký khai sinh"},
		GeneratedAt: time.Date(2027, 1, 5, 1, 2, 0, 0, time.UTC),
		Verify:      "HSVF1|38001|report/index766/38001/2026Q4/calendar|5|00112233445566778899aabbccddeeff",
	}
}

func TestIndex766Text(t *testing.T) {
	t.Parallel()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Index766(&buf, index766Fixture()); err != nil {
		t.Fatal(err)
	}
	p := writePDF(t, buf.Bytes())
	run(t, "qpdf", "--check", p)
	text := pdftext(t, buf.Bytes())
	for _, want := range []string{"Tỷ lệ hồ sơ được số hóa", "60% (3/5)", "Cần dữ liệu quốc gia", "Tỷ lệ hồ sơ xử lý đúng hạn", "16/20", "1.000001 – Đăng ký khai sinh"} {
		if !strings.Contains(oneLine(text), want) {
			t.Errorf("the index does not print %q:\n%s", want, text)
		}
	}
	checkGolden(t, "index766", text)
	var again bytes.Buffer
	if err := r.Index766(&again, index766Fixture()); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("the same index renders different bytes (%v)", err)
	}
	if err := r.Index766(&buf, report.IndexDoc{}); err == nil {
		t.Error("an index without indicators printed")
	}
}
