package report

import "time"

// Doc is a computed II.06a ready to export as PDF, XLSX or CSV.
type Doc struct {
	// Office is the office (or the root of the subtree) reported on.
	Office     string
	OfficeName string
	// ParentName is the agency above it, for the document's header.
	ParentName string
	// Place is the place of the date line; "" prints dots.
	Place  string
	Period Period
	Table  Table
	// Offices names the offices the figures include, the office first.
	Offices []string
	// Freshness says how recent each included office's records are.
	Freshness []Freshness
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
const FormCode = "Biểu II.06a/VPCP/KSTT"

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
