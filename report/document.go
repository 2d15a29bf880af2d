package report

import (
	"fmt"
	"strings"
	"time"

	"hoso/calendar"
)

// Doc is a computed II.06a ready to export as PDF, XLSX or CSV.
type Doc struct {
	// Office is the office (or the root of the subtree) reported on.
	Office     string
	OfficeName string
	// ParentName is the agency above it, for the document's header.
	ParentName string
	// Receiver is the office the report goes to ("Đơn vị nhận báo cáo"),
	// "" when none.
	Receiver string
	// Place is the place of the date line; "" prints dots.
	Place  string
	Period Period
	Table  Table
	// Offices names the offices the figures include, the office first.
	Offices []string
	// Freshness says how recent each included office's records are.
	Freshness []Freshness
	// AsOf is the data date the figures are computed at ("Số liệu tính
	// đến …"); zero is GeneratedAt.
	AsOf time.Time
	// GeneratedAt is when the report was computed (the PDF's date).
	GeneratedAt time.Time
	// Verify is the QR text: HSVF1|office|report/…|dossiers|hash.
	Verify string
}

// Freshness is how recent an office's records are on the node that
// computed a report, so nobody takes stale numbers for final.
type Freshness struct {
	Office string `json:"office"`
	Name   string `json:"name"`
	// Local is true for the node's own office, whose records are
	// always current here.
	Local bool `json:"local"`
	// Latest is the time of the latest record of the office here.
	Latest time.Time `json:"latest,omitzero"`
	// LastSync is when records last came from the office, zero if never.
	LastSync time.Time `json:"lastSync,omitzero"`
}

// Heading is one column of the form with its number and title.
type Heading struct {
	Col   int
	Title string
}

// Group is a heading over several columns.
type Group struct {
	Title       string
	First, Last int
}

// Title is the form's title.
const Title = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"

// FormCode is the form's number, printed top right.
const FormCode = "Biểu số II.06a/VPCP/KSTT"

// Unit is the unit of the figures, printed right above the table.
const Unit = "Đơn vị tính: Số hồ sơ TTHC"

// AsOfLine writes the data date as the sheet prints it: "Số liệu tính
// đến hết ngày 14/12/2026" for a data date at midnight (the whole day
// before it counted), else "Số liệu tính đến 10:30 ngày 20/11/2026".
func (d Doc) AsOfLine() string {
	t := d.AsOf
	if t.IsZero() {
		t = d.GeneratedAt
	}
	t = t.In(calendar.Zone)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return "Số liệu tính đến hết ngày " + t.AddDate(0, 0, -1).Format("02/01/2006")
	}
	return "Số liệu tính đến " + t.Format("15:04") + " ngày " + t.Format("02/01/2006")
}

// ReporterLine and ReceiverLine name the office reporting and the office
// receiving the report; ReceiverLine is "" when there is none.
func (d Doc) ReporterLine() string { return "Đơn vị báo cáo: " + d.OfficeName }

// ReceiverLine: see ReporterLine.
func (d Doc) ReceiverLine() string {
	if d.Receiver == "" {
		return ""
	}
	return "Đơn vị nhận báo cáo: " + d.Receiver
}

// EndedNote is the note below the table on the dossiers withdrawn and
// stopped in the period, "" when there were none: under EndedInNote why
// column 3 is more than columns 7 and 11, under EndedOnTime that they are
// counted in columns 7 and 9.
func (d Doc) EndedNote() string {
	t := d.Table
	if t.Withdrawn+t.Stopped == 0 {
		return ""
	}
	var parts []string
	if t.Withdrawn > 0 {
		parts = append(parts, fmt.Sprintf("%d hồ sơ tổ chức, cá nhân xin rút", t.Withdrawn))
	}
	if t.Stopped > 0 {
		parts = append(parts, fmt.Sprintf("%d hồ sơ dừng giải quyết", t.Stopped))
	}
	what := strings.Join(parts, " và ")
	if t.EndedPlacement == EndedOnTime {
		return "Ghi chú: trong kỳ có " + what + ", được tính là đã giải quyết đúng hạn (cột 7 và cột 9)."
	}
	return fmt.Sprintf("Ghi chú: trong kỳ có %s; các hồ sơ này được tính ở cột 3, không tính ở cột 7 và cột 11 (cột 3 = cột 7 + cột 11 + %d).",
		what, t.Withdrawn+t.Stopped)
}

// SectorHeading is the title of column 2 (column 1 is the row number).
const SectorHeading = "Lĩnh vực giải quyết"

// Groups are the headings over the columns 3–6, 7–10 and 11–13.
var Groups = []Group{
	{"Số hồ sơ nhận giải quyết", ColReceived, ColCarried},
	{"Kết quả giải quyết", ColResolved, ColLate},
	{"Số hồ sơ đang giải quyết", ColInProgress, ColOverdue},
}

// Headings are the titles of columns 3 to 13, in order.
var Headings = []Heading{
	{ColReceived, "Tổng số"},
	{ColOnline, "Trong kỳ: trực tuyến"},
	{ColInPerson, "Trong kỳ: trực tiếp, dịch vụ bưu chính"},
	{ColCarried, "Từ kỳ trước"},
	{ColResolved, "Tổng số"},
	{ColEarly, "Trước hạn"},
	{ColOnTime, "Đúng hạn"},
	{ColLate, "Quá hạn"},
	{ColInProgress, "Tổng số"},
	{ColWithinTime, "Trong hạn"},
	{ColOverdue, "Quá hạn"},
}
