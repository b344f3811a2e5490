/* Decap CMS preview: shows an article being written as the site will show it (issue 18).
 *
 * - The site's own stylesheet, the one every published page links (generator/mkdocs_adapter/plugin.py: CSS), and
 *   the theme's stylesheets, read from the published home page (their names carry a version hash).
 * - The article page's frame (generator/render/article.py: decorate): the title, "Đăng ngày dd/mm/yyyy · chuyên
 *   mục · tác giả", the body, the keywords; the summary as the article lists show it.
 * Dates are shown in the site's timezone (mkdocs.yml: timezone), whatever the editor's computer is set to.
 * tests/deploy/test_decap_preview.py checks the names here against the site's and runs this file. */
(function () {
  "use strict";
  var SITE_CSS = "../assets/chuyentrang/chuyentrang.css";
  var TIMEZONE = "Asia/Ho_Chi_Minh";
  var COLLECTION = "bai-viet";

  CMS.registerPreviewStyle(SITE_CSS);

  /* The theme's stylesheets, as the home page links them (admin/ is one level below the site's root). */
  if (window.fetch && window.DOMParser) {
    fetch("../", { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var links = doc.querySelectorAll('link[rel="stylesheet"][href]');
      for (var i = 0; i < links.length; i++) {
        var href = new URL(links[i].getAttribute("href"), new URL("../", location.href)).href;
        if (href.indexOf("/assets/") !== -1 && href.indexOf("chuyentrang.css") === -1 && links[i].media !== "print") {
          CMS.registerPreviewStyle(href);
        }
      }
    }).catch(function () { /* offline or not yet built: the site's own stylesheet is enough to read the preview */ });
  }

  /* "2026-11-22 05:30:00+07:00" (what the date field writes), or a Date, as dd/mm/yyyy in the site's timezone. */
  function ddmmyyyy(value) {
    if (!value) return "";
    var d = value instanceof Date ? value : new Date(String(value).replace(" ", "T"));
    if (isNaN(d.getTime())) return String(value);
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: TIMEZONE, day: "2-digit", month: "2-digit", year: "numeric" })
      .formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
    return parts.day + "/" + parts.month + "/" + parts.year;
  }

  function optionLabel(collection, field, value) {
    var fields = collection && collection.get ? collection.get("fields") : null;
    var found = null;
    if (fields) fields.forEach(function (f) { if (f.get("name") === field) found = f; });
    var options = found ? found.get("options") : null;
    var label = value;
    if (options) options.forEach(function (o) { if (o.get && o.get("value") === value) label = o.get("label"); });
    return label;
  }

  function list(value) {
    if (!value) return [];
    if (value.toJS) value = value.toJS();
    return Array.isArray(value) ? value.filter(Boolean) : String(value).split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  var ArticlePreview = createClass({
    render: function () {
      var entry = this.props.entry;
      var data = function (key) { return entry.getIn(["data", key]); };
      var meta = [h("time", { key: "date" }, ddmmyyyy(data("date"))), " · ",
                  h("a", { key: "category", href: "#" }, optionLabel(this.props.collection, "category", data("category")))];
      if (data("author")) meta.push(" · ", h("span", { key: "author" }, data("author")));
      var tags = list(data("tags"));
      var summary = data("summary");
      return h("div", { className: "md-container" },
        h("main", { className: "md-main" },
          h("div", { className: "md-content" },
            h("article", { className: "md-content__inner md-typeset" },
              data("draft") ? h("p", { className: "ct-draft-banner" }, "Bản nháp: bài này không được đăng.") : null,
              h("h1", null, data("title") || ""),
              h("p", { className: "ct-meta ct-article-meta" }, "Đăng ngày ", meta),
              summary ? h("div", { className: "ct-card__summary ct-preview-summary" },
                h("p", null, h("em", null, "Tóm tắt (hiện ở danh sách bài): "), summary)) : null,
              this.props.widgetFor("body"),
              h("footer", { className: "ct-article-foot" },
                tags.length ? h("p", { className: "ct-tags" }, "Từ khóa: ", tags.map(function (t, i) {
                  return h("span", { key: t }, (i ? ", " : "") + t);
                })) : null)))));
    }
  });

  CMS.registerPreviewTemplate(COLLECTION, ArticlePreview);
})();
