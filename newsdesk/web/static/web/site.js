/* The public site's only script; every page works without it.
   1. The comment form is filled from the "comment_author" cookie, which the server sets
      only when a reader ticked "Save my name, email, and website": the cached page
      itself never holds anyone's details.
   2. A visible counter under the comment box; over the limit it says by how much (the
      server refuses over-long text with a message, nothing is cut). */
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form");
  if (!form) { return; }

  var saved = document.cookie.split("; ").filter(function (c) {
    return c.indexOf("comment_author=") === 0;
  })[0];
  if (saved) {
    try {
      var who = JSON.parse(decodeURIComponent(saved.slice("comment_author=".length)));
      [["id_name", who.name], ["id_email", who.email], ["id_website", who.url]].forEach(function (pair) {
        var input = document.getElementById(pair[0]);
        if (input && !input.value && typeof pair[1] === "string") { input.value = pair[1]; }
      });
      var remember = document.getElementById("id_remember");
      if (remember) { remember.checked = true; }
    } catch (e) { /* a damaged cookie is ignored: the reader types the fields again */ }
  }

  var body = document.getElementById("id_body");
  var counter = document.getElementById("id_body_count");
  if (!body || !counter) { return; }
  var max = parseInt(body.getAttribute("data-max"), 10);
  var format = function (n) { return n.toLocaleString("en"); };
  var update = function () {
    var used = body.value.length;
    var over = used - max;
    counter.textContent = format(used) + " of " + format(max) + " characters" +
      (over > 0 ? ": " + format(over) + " too many, please shorten it." : ".");
    counter.classList.toggle("over", over > 0);
  };
  body.addEventListener("input", update);
  update();
}());
