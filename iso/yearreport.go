package iso

// The yearly report an office sends on how it builds, applies, maintains
// and improves its quality system (Decision 101/2018/QĐ-TTg). The form is
// data: its title, addressee, deadline and items come from here, each item
// marked Unsure where the official form could not be read, so that a
// province replaces them without a new release.

// YearReportItem is one item of the yearly report: Key names the figure
// the system fills in ("" for a line left to be written by hand).
type YearReportItem struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Unsure marks an item whose wording or presence in the official form
	// is not verified.
	Unsure bool `json:"unsure,omitempty"`
}

// YearReportForm is the form of the yearly report.
type YearReportForm struct {
	Title  string `json:"title"`
	Basis  string `json:"basis"`
	SendTo string `json:"sendTo"`
	// Deadline says when the report is due, in words.
	Deadline string           `json:"deadline"`
	Items    []YearReportItem `json:"items"`
	// Unsure marks a form whose official template was not at hand.
	Unsure bool `json:"unsure"`
}

// The keys of the items the system fills in.
const (
	YearItemProcesses       = "processes"
	YearItemObjectives      = "objectives"
	YearItemAudit           = "audit"
	YearItemReview          = "review"
	YearItemNonconformities = "nonconformities"
	YearItemActions         = "actions"
	YearItemBelow           = "below"
)

// DefaultYearReportForm is the form used until a province records its
// own. The official template (Circular 26/2018/TT-BKHCN guiding Decision
// 101/2018) could not be read when this was written: the form is marked
// Unsure, and so are the items and the deadline taken from practice.
func DefaultYearReportForm() YearReportForm {
	return YearReportForm{
		Title:    "BÁO CÁO TÌNH HÌNH XÂY DỰNG, ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001:2015",
		Basis:    "Quyết định số 101/2018/QĐ-TTg ngày 21/12/2018 của Thủ tướng Chính phủ",
		SendTo:   "Sở Khoa học và Công nghệ",
		Deadline: "trước ngày 15 tháng 12 hằng năm",
		Unsure:   true,
		Items: []YearReportItem{
			{Key: YearItemProcesses, Label: "Phạm vi áp dụng: quy trình giải quyết thủ tục hành chính đang có hiệu lực"},
			{Key: YearItemObjectives, Label: "Chính sách chất lượng, mục tiêu chất lượng và kết quả thực hiện"},
			{Key: YearItemAudit, Label: "Đánh giá nội bộ"},
			{Key: YearItemReview, Label: "Họp xem xét của lãnh đạo"},
			{Key: YearItemNonconformities, Label: "Sự không phù hợp được phát hiện và xử lý"},
			{Key: YearItemActions, Label: "Hành động khắc phục và hiệu lực"},
			{Key: "", Label: "Việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015 (số, ngày văn bản công bố)", Unsure: true},
			{Key: YearItemBelow, Label: "Tình hình áp dụng tại các cơ quan, đơn vị trực thuộc", Unsure: true},
			{Key: "", Label: "Khó khăn, vướng mắc và kiến nghị, đề xuất"},
		},
	}
}
