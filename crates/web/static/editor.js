// The protocol editor (ADR 25), enhanced: a warning before leaving the page with text typed and
// not saved. Every button of the editor's form saves all of it first, so pressing one never
// warns. Without this script nothing else changes.
(function () {
  'use strict';
  var form = document.querySelector('form.editor');
  if (!form) return;
  var dirty = false;
  var mark = function () { dirty = true; };
  form.addEventListener('input', mark);
  form.addEventListener('change', mark);
  form.addEventListener('submit', function () { dirty = false; });
  window.addEventListener('beforeunload', function (e) {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = '';
  });
})();
