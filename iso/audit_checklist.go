package iso

import "fmt"

// Clause is one clause of TCVN ISO 9001:2015 the checklist asks about, with
// the questions an auditor of a one-stop office asks under it.
type Clause struct {
	No    string `json:"no"`
	Title string `json:"title"`
	// Items are the checklist's questions under the clause.
	Items []CheckItem `json:"items"`
}

// CheckItem is one question of the checklist. ID is the sub-clause for a
// clause's question ("8.5.1") and "<process>/<n>" for a process's.
type CheckItem struct {
	ID       string `json:"id"`
	Clause   string `json:"clause"`
	Process  string `json:"process,omitempty"`
	Question string `json:"question"`
}

// Clauses are the clauses 4 to 10 of ISO 9001:2015 with the checklist
// questions an internal audit of a one-stop office asks, as data: the
// office's auditors tick them and attach evidence.
var Clauses = []Clause{
	{No: "4", Title: "Bối cảnh của tổ chức", Items: []CheckItem{
		{ID: "4.1", Question: "Các vấn đề nội bộ và bên ngoài liên quan đến bộ phận một cửa được xác định và xem xét"},
		{ID: "4.3", Question: "Phạm vi áp dụng hệ thống quản lý chất lượng nêu rõ các thủ tục hành chính áp dụng"},
		{ID: "4.4", Question: "Các quy trình giải quyết thủ tục hành chính được xác định, ban hành và đang có hiệu lực"},
	}},
	{No: "5", Title: "Sự lãnh đạo", Items: []CheckItem{
		{ID: "5.1", Question: "Lãnh đạo chịu trách nhiệm về hiệu lực của hệ thống và hướng vào người dân, tổ chức"},
		{ID: "5.2", Question: "Chính sách chất lượng được ban hành, phổ biến và hiểu"},
		{ID: "5.3", Question: "Vai trò, trách nhiệm và quyền hạn được phân công"},
	}},
	{No: "6", Title: "Hoạch định", Items: []CheckItem{
		{ID: "6.1", Question: "Rủi ro và cơ hội được xác định và có hành động giải quyết"},
		{ID: "6.2", Question: "Mục tiêu chất lượng được thiết lập, đo lường và theo dõi"},
	}},
	{No: "7", Title: "Hỗ trợ", Items: []CheckItem{
		{ID: "7.1", Question: "Nguồn lực (con người, cơ sở hạ tầng, môi trường) đủ cho việc giải quyết hồ sơ"},
		{ID: "7.2", Question: "Cán bộ, công chức có năng lực phù hợp với nhiệm vụ"},
		{ID: "7.5", Question: "Thông tin dạng văn bản được kiểm soát (ban hành, sửa đổi, lưu giữ)"},
	}},
	{No: "8", Title: "Thực hiện", Items: []CheckItem{
		{ID: "8.2", Question: "Yêu cầu về hồ sơ, thời hạn, phí, lệ phí được công khai và xem xét khi tiếp nhận"},
		{ID: "8.5.1", Question: "Hồ sơ được giải quyết theo đúng các bước và thời gian của quy trình"},
		{ID: "8.5.2", Question: "Hồ sơ được nhận biết và truy xuất nguồn gốc (mã hồ sơ, sổ theo dõi)"},
		{ID: "8.5.3", Question: "Giấy tờ của người dân được bảo quản, trả lại đầy đủ"},
		{ID: "8.7", Question: "Hồ sơ trễ hạn, sai sót được nhận biết và xử lý (thư xin lỗi, hẹn lại)"},
	}},
	{No: "9", Title: "Đánh giá kết quả hoạt động", Items: []CheckItem{
		{ID: "9.1.2", Question: "Sự hài lòng của người dân, tổ chức được theo dõi"},
		{ID: "9.1.3", Question: "Tỷ lệ giải quyết đúng hạn được phân tích và đánh giá"},
		{ID: "9.2", Question: "Đánh giá nội bộ được thực hiện theo chương trình"},
		{ID: "9.3", Question: "Xem xét của lãnh đạo được thực hiện và lưu hồ sơ"},
	}},
	{No: "10", Title: "Cải tiến", Items: []CheckItem{
		{ID: "10.2", Question: "Sự không phù hợp được xử lý và có hành động khắc phục hiệu quả"},
		{ID: "10.3", Question: "Cơ hội cải tiến được xác định và thực hiện"},
	}},
}

// processQuestions are asked of every process in an audit's scope.
var processQuestions = []string{
	"Quy trình đang áp dụng là bản có hiệu lực, được phê duyệt",
	"Các bước được thực hiện đúng người, đúng thời gian quy định (phiếu kiểm soát)",
	"Hồ sơ trễ hạn có văn bản xin lỗi và hẹn lại thời gian trả kết quả",
	"Hồ sơ, biểu mẫu của quy trình được lưu đầy đủ",
}

// clauseOf returns the clause numbered no.
func clauseOf(no string) (Clause, bool) {
	for _, c := range Clauses {
		if c.No == no {
			return c, true
		}
	}
	return Clause{}, false
}

// ValidClause reports whether no is one of Clauses or one of their items'
// sub-clauses ("8.5.1").
func ValidClause(no string) bool {
	for _, c := range Clauses {
		if c.No == no {
			return true
		}
		for _, it := range c.Items {
			if it.ID == no {
				return true
			}
		}
	}
	return false
}

// Checklist is the checklist of an audit's scope: each clause's questions,
// then each process's, in the order of the scope.
func Checklist(clauses, processes []string) []CheckItem {
	var out []CheckItem
	for _, no := range clauses {
		c, ok := clauseOf(no)
		if !ok {
			continue
		}
		for _, it := range c.Items {
			it.Clause = c.No
			out = append(out, it)
		}
	}
	for _, p := range processes {
		for i, q := range processQuestions {
			out = append(out, CheckItem{ID: fmt.Sprintf("%s/%d", p, i+1), Clause: "8.5.1", Process: p, Question: q})
		}
	}
	return out
}
