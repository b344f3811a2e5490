/* The practice quiz (one question at a time, score and explanations at the end) and the contest form's deadline.
   Without this script the practice page stays in study mode: every question with its answer and explanation. */
(function () {
  "use strict";
  var LETTERS = "ABCDEF";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function readBank(study) {
    return Array.prototype.map.call(study.querySelectorAll(".ct-q"), function (li) {
      return {
        id: li.getAttribute("data-q"),
        text: li.querySelector(".ct-q__text").textContent,
        options: Array.prototype.map.call(li.querySelectorAll(".ct-q__option"), function (o) { return o.textContent; }),
        answer: li.getAttribute("data-answer"),
        why: li.querySelector(".ct-q__why").textContent,
        source: li.querySelector(".ct-q__source a")
      };
    });
  }

  function shuffled(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  function explanation(q) {
    var box = el("div", {"class": "ct-quiz__why"});
    box.appendChild(el("p", {}, "Giải thích: " + q.why));
    if (q.source) {
      var p = el("p", {}, "Nguồn: ");
      var a = el("a", {href: q.source.getAttribute("href"), rel: "noopener"}, q.source.textContent);
      p.appendChild(a);
      box.appendChild(p);
    }
    return box;
  }

  function letters(s) { return s.split("").map(function (c) { return c; }).join(", "); }

  function Quiz(root) {
    this.root = root;
    this.study = root.querySelector("[data-ct-quiz-study]");
    this.app = root.querySelector("[data-ct-quiz-app]");
    this.bank = readBank(this.study);
    this.draw = Math.min(parseInt(root.getAttribute("data-draw"), 10) || this.bank.length, this.bank.length);
    this.study.hidden = true;
    this.app.hidden = false;
    this.start(false);
  }

  Quiz.prototype.screen = function (title) {
    this.app.textContent = "";
    var h = el("h2", {tabindex: "-1", "class": "ct-quiz__title"}, title);
    this.app.appendChild(h);
    return h;
  };

  Quiz.prototype.start = function (focus) {
    var self = this;
    var h = this.screen("Làm bài luyện tập");
    this.app.appendChild(el("p", {}, "Bài gồm " + this.draw + " câu lấy ngẫu nhiên từ " + this.bank.length +
      " câu hỏi. Trả lời từng câu; sau mỗi câu trang cho biết đúng hay sai và giải thích; điểm ở cuối bài."));
    var actions = el("p", {"class": "ct-quiz__actions"});
    var go = el("button", {type: "button", "class": "md-button md-button--primary", "data-ct-quiz-start": ""}, "Bắt đầu làm bài");
    go.addEventListener("click", function () {
      self.questions = shuffled(self.bank).slice(0, self.draw);
      self.answers = [];
      self.ask(0);
    });
    actions.appendChild(go);
    var review = el("button", {type: "button", "class": "md-button"}, "Xem tất cả câu hỏi và đáp án");
    review.addEventListener("click", function () {
      self.app.hidden = true;
      self.study.hidden = false;
      var t = self.study.querySelector("h2");
      t.setAttribute("tabindex", "-1");
      t.focus();
    });
    actions.appendChild(review);
    this.app.appendChild(actions);
    if (focus) h.focus();
  };

  Quiz.prototype.ask = function (n) {
    var self = this, q = this.questions[n], multiple = q.answer.length > 1;
    var h = this.screen("Câu " + (n + 1) + "/" + this.questions.length);
    var form = el("form", {"class": "ct-quiz__question", "data-q": q.id, novalidate: ""});
    var fs = el("fieldset", {"aria-describedby": "ct-quiz-hint"});
    fs.appendChild(el("legend", {}, q.text));
    fs.appendChild(el("p", {id: "ct-quiz-hint", "class": "ct-form__hint"},
      multiple ? "Chọn tất cả các phương án đúng (câu này có nhiều hơn một phương án đúng)." : "Chọn một phương án."));
    q.options.forEach(function (text, i) {
      var id = "ct-quiz-" + n + "-" + i;
      var row = el("div", {"class": "ct-q__choice"});
      row.appendChild(el("input", {type: multiple ? "checkbox" : "radio", name: "chon", id: id, value: LETTERS[i]}));
      var label = el("label", {"for": id});
      label.appendChild(el("span", {"class": "ct-q__letter"}, LETTERS[i] + ". "));
      label.appendChild(document.createTextNode(text));
      row.appendChild(label);
      fs.appendChild(row);
    });
    form.appendChild(fs);
    var status = el("div", {role: "status", "aria-live": "polite", "class": "ct-quiz__status"});
    var actions = el("p", {"class": "ct-quiz__actions"});
    var check = el("button", {type: "submit", "class": "md-button md-button--primary"}, "Trả lời");
    actions.appendChild(check);
    form.appendChild(actions);
    form.appendChild(status);
    this.app.appendChild(form);
    var progress = el("p", {"class": "ct-quiz__progress"}, n ? "Đã trả lời đúng " + this.score() + "/" + n + " câu." : "");
    this.app.appendChild(progress);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var chosen = Array.prototype.filter.call(form.querySelectorAll("input"), function (i) { return i.checked; })
        .map(function (i) { return i.value; }).join("");
      if (!chosen) {
        status.textContent = multiple ? "Hãy chọn ít nhất một phương án rồi bấm Trả lời." : "Hãy chọn một phương án rồi bấm Trả lời.";
        var first = form.querySelector("input");
        if (first) first.focus();
        return;
      }
      var right = chosen === q.answer;
      self.answers[n] = {chosen: chosen, right: right};
      progress.textContent = "Đã trả lời đúng " + self.score() + "/" + (n + 1) + " câu.";
      Array.prototype.forEach.call(form.querySelectorAll("input"), function (i) { i.disabled = true; });
      check.remove();
      status.textContent = "";
      var box = el("div", {"class": "ct-quiz__feedback " + (right ? "ct-quiz__feedback--right" : "ct-quiz__feedback--wrong")});
      box.appendChild(el("p", {}, right ? "Đúng." : "Chưa đúng. Đáp án đúng: " + letters(q.answer) + "."));
      box.appendChild(explanation(q));
      status.appendChild(box);
      var last = n + 1 >= self.questions.length;
      var next = el("button", {type: "button", "class": "md-button md-button--primary", "data-ct-quiz-next": ""},
        last ? "Xem kết quả" : "Câu tiếp theo");
      next.addEventListener("click", function () { if (last) self.result(); else self.ask(n + 1); });
      actions.appendChild(next);
      next.focus();
    });
    h.focus();
  };

  Quiz.prototype.score = function () {
    return (this.answers || []).filter(function (a) { return a && a.right; }).length;
  };

  Quiz.prototype.result = function () {
    var self = this, total = this.questions.length, score = this.score();
    var h = this.screen("Kết quả: đúng " + score + "/" + total + " câu");
    this.app.setAttribute("data-score", String(score));
    this.app.appendChild(el("p", {"class": "ct-quiz__score"}, score === total ? "Xuất sắc! Bạn trả lời đúng tất cả các câu." :
      "Bạn trả lời đúng " + score + " trên " + total + " câu. Xem lại giải thích các câu dưới đây."));
    var list = el("ol", {"class": "ct-quiz__review"});
    this.questions.forEach(function (q, i) {
      var a = self.answers[i], li = el("li", {});
      li.appendChild(el("p", {}, q.text));
      li.appendChild(el("p", {}, (a.right ? "Đúng" : "Sai") + ". Bạn chọn: " + letters(a.chosen) +
        "; đáp án đúng: " + letters(q.answer) + "."));
      li.appendChild(explanation(q));
      list.appendChild(li);
    });
    this.app.appendChild(list);
    var again = el("button", {type: "button", "class": "md-button md-button--primary"}, "Làm lại với câu hỏi khác");
    again.addEventListener("click", function () { self.start(true); });
    var p = el("p", {"class": "ct-quiz__actions"});
    p.appendChild(again);
    this.app.appendChild(p);
    h.focus();
  };

  Array.prototype.forEach.call(document.querySelectorAll("[data-ct-quiz]"), function (root) { new Quiz(root); });

  // A contest page built while the contest was open stays on the server after it closes: stop taking entries.
  Array.prototype.forEach.call(document.querySelectorAll("[data-ct-contest]"), function (form) {
    var closes = Date.parse(form.getAttribute("data-closes") || "");
    if (!isNaN(closes) && Date.now() > closes) {
      Array.prototype.forEach.call(form.querySelectorAll("input, button"), function (i) { i.disabled = true; });
      var note = form.querySelector("[data-ct-contest-closed]");
      if (note) note.hidden = false;
    }
  });
})();
