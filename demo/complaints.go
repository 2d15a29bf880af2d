package demo

import (
	"fmt"
	"time"

	"hoso/app"
	"hoso/complaint"
)

// complaints fills the demo commune's complaints and petitions (issue 20
// item 5), a few of each category: one answered on time and rated
// satisfied, one left unanswered past its legal time (which raises its
// nonconformity when the leader lists them), one refused, one asked for
// more and one just received. The operator enters the earlier ones as
// received by mail or phone on their day, since the clock only moves
// forward.
func complaints(c caller, sessions map[string]string, now time.Time) error {
	var found app.SearchReply
	dossierCode := ""
	if err := c.call(sessions["lanhdao"], "Dossiers.Search", app.SearchRequest{Office: Home.Code}, &found); err == nil && len(found.Items) > 0 {
		dossierCode = found.Items[0].Code
	}
	ago := func(days int) string { return now.AddDate(0, 0, -days).Format(time.RFC3339) }
	items := []struct {
		session string
		req     app.ReceiveComplaintRequest
		then    func(id string) error
	}{
		{"", app.ReceiveComplaintRequest{Channel: complaint.ChannelMail, Category: complaint.CategoryRules, ReceivedAt: ago(10),
			From: complaint.Person{Name: "Phạm Văn Tuấn", Contact: "Thôn 3, xã Đông Sơn"},
			Text: "Đề nghị giảm bớt giấy tờ phải nộp khi đăng ký khai sinh cho con thứ hai"}, func(id string) error {
			if err := c.call(sessions["chuyenvien"], "Complaints.Answer", app.AnswerComplaintRequest{ID: id,
				Text: "Đã tổng hợp kiến nghị, báo cáo UBND huyện; theo quy định hiện hành chỉ cần tờ khai và giấy chứng sinh."}, nil); err != nil {
				return err
			}
			if err := c.call(sessions["vanthu"], "Complaints.Publish", app.PublishComplaintRequest{ID: id, Note: "Niêm yết tại bộ phận một cửa"}, nil); err != nil {
				return err
			}
			return c.call(sessions["vanthu"], "Complaints.Rate", app.RateComplaintRequest{ID: id, Satisfied: true}, nil)
		}},
		{"", app.ReceiveComplaintRequest{Channel: complaint.ChannelPhone, Category: complaint.CategoryProcedure, ReceivedAt: ago(40), Dossier: dossierCode,
			From: complaint.Person{Name: "Đinh Thị Thu", Contact: "0915 222 333"},
			Text: "Hồ sơ quá hạn nhưng không nhận được phiếu xin lỗi và hẹn lại ngày trả kết quả"}, nil},
		{sessions["vanthu"], app.ReceiveComplaintRequest{Channel: complaint.ChannelDesk, Category: complaint.CategoryConduct,
			From: complaint.Person{Name: "Ngô Văn Hải", Contact: "0987 654 321"},
			Text: "Phản ánh việc tranh chấp đất đai với hộ liền kề"}, func(id string) error {
			return c.call(sessions["vanthu"], "Complaints.Refuse", app.RefuseComplaintRequest{ID: id,
				Reason: "Nội dung là tranh chấp đất đai, không phải phản ánh về thủ tục hành chính: đã hướng dẫn gửi đơn hòa giải"}, nil)
		}},
		{sessions["vanthu"], app.ReceiveComplaintRequest{Channel: complaint.ChannelPortal, Category: complaint.CategoryConduct,
			From: complaint.Person{Name: "Vũ Thị Mến", Contact: "men.vt@example.vn"},
			Text: "Cán bộ tiếp nhận hướng dẫn không rõ ràng, phải đi lại nhiều lần"}, func(id string) error {
			return c.call(sessions["vanthu"], "Complaints.AskMore", app.AskMoreComplaintRequest{ID: id, What: "Ngày đến làm thủ tục và thủ tục đã nộp"}, nil)
		}},
		{sessions["vanthu"], app.ReceiveComplaintRequest{Channel: complaint.ChannelDesk, Category: complaint.CategoryProcedure,
			From: complaint.Person{Name: "Lò Văn Pản", Contact: "0977 111 222"},
			Text: "Đề nghị được nhận kết quả qua bưu chính"}, nil},
	}
	for n, it := range items {
		var r app.ComplaintReply
		if err := c.call(it.session, "Complaints.Receive", it.req, &r); err != nil {
			return fmt.Errorf("complaint %d: %w", n+1, err)
		}
		if it.then != nil {
			if err := it.then(r.Complaint.ID); err != nil {
				return fmt.Errorf("complaint %d: %w", n+1, err)
			}
		}
	}
	// The leader's list raises the late one's nonconformity.
	return c.call(sessions["lanhdao"], "Complaints.List", app.ComplaintsRequest{}, nil)
}
