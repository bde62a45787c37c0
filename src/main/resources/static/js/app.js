// Small behaviours of the Qiyue pages. The CSP allows scripts from this origin only, so everything
// is wired through data-* attributes here rather than inline handlers. Every form also works
// without this file: rows then come one spare at a time from the server.
(function () {
  'use strict';

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  // Renumbers the name/id/for attributes of repeatable rows, so that the submitted indices are
  // consecutive (Spring binds list[0], list[1] ...) and match what the server will show again.
  function renumber(container) {
    var path = container.getAttribute('data-rows');
    var pattern = new RegExp(escapeRegExp(path) + '\\[\\d+\\]', 'g');
    var idPattern = new RegExp('^' + escapeRegExp(path.replace(/[\[\]]/g, '')) + '\\d+');
    container.querySelectorAll(':scope > [data-row]').forEach(function (row, index) {
      row.querySelectorAll('[name],[id],[for]').forEach(function (el) {
        ['name', 'id', 'for'].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) {
            value = value.replace(pattern, path + '[' + index + ']');
            value = value.replace(idPattern, path.replace(/[\[\]]/g, '') + index);
            el.setAttribute(attr, value);
          }
        });
      });
    });
  }

  function clearRow(row) {
    row.querySelectorAll('input, textarea, select').forEach(function (el) {
      if (el.type === 'hidden' && el.name && el.name.charAt(0) === '_') {
        return; // Spring's checkbox marker must stay
      }
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = false;
      } else if (el.tagName === 'SELECT') {
        el.selectedIndex = 0;
      } else {
        el.value = '';
      }
      el.classList.remove('is-invalid');
    });
    row.querySelectorAll('.invalid-feedback').forEach(function (el) { el.remove(); });
  }

  document.addEventListener('click', function (event) {
    var add = event.target.closest('[data-add-row]');
    if (add) {
      var container = document.getElementById(add.getAttribute('data-add-row'));
      var rows = container.querySelectorAll(':scope > [data-row]');
      var copy = rows[rows.length - 1].cloneNode(true);
      clearRow(copy);
      container.appendChild(copy);
      renumber(container);
      var first = copy.querySelector('input:not([type=hidden]), textarea, select');
      if (first) {
        first.focus();
      }
      return;
    }
    var remove = event.target.closest('[data-remove-row]');
    if (remove) {
      var row = remove.closest('[data-row]');
      var rowsContainer = row.parentElement;
      if (rowsContainer.querySelectorAll(':scope > [data-row]').length > 1) {
        row.remove();
      } else {
        clearRow(row); // keep one row to clone from
      }
      renumber(rowsContainer);
      return;
    }
    var go = event.target.closest('[data-review-goto]');
    if (go) {
      // a draft the reader may change: 定位 opens the edit form at the field, unless this is the form
      var opensForm = go.getAttribute('href') && go.getAttribute('href') !== '#';
      if (opensForm && !document.getElementById('contract-form')) {
        return;
      }
      event.preventDefault();
      showFinding(go.getAttribute('data-path'), go.getAttribute('data-start'), go.getAttribute('data-end'));
      return;
    }
    var confirmable = event.target.closest('[data-confirm]');
    if (confirmable && !window.confirm(confirmable.getAttribute('data-confirm'))) {
      event.preventDefault();
      return;
    }
    var copyButton = event.target.closest('[data-copy]');
    if (copyButton) {
      var source = document.getElementById(copyButton.getAttribute('data-copy'));
      if (navigator.clipboard && source) {
        navigator.clipboard.writeText(source.value || source.textContent).then(function () {
          copyButton.textContent = copyButton.getAttribute('data-copied') || copyButton.textContent;
        });
      } else if (source && source.select) {
        source.select();
      }
    }
  });

  // Review panel: scroll to the field a finding is about (data-path = its JSON pointer) and, for words
  // inside a clause, mark exactly those characters. A pointer without its own element falls back to the
  // nearest enclosing one, then to the part's card.
  function clearFindingMarks() {
    document.querySelectorAll('mark.review-mark').forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    document.querySelectorAll('.review-highlight').forEach(function (el) {
      el.classList.remove('review-highlight');
    });
  }

  function elementFor(path) {
    var p = path;
    while (p) {
      var el = document.querySelector('[data-path="' + CSS.escape(p) + '"]:not([data-review-goto])');
      if (el) {
        return {element: el, exact: p === path};
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    var segments = path.split('/');
    var part = segments[1] === 'terms' ? document.getElementById('part-' + segments[2]) : null;
    if (!part && /customer|ourEntity|party|parties/i.test(path)) {
      part = document.getElementById('part-parties');
    }
    return {element: part || document.getElementById('part-term'), exact: false};
  }

  function showFinding(path, start, end) {
    clearFindingMarks();
    var found = elementFor(path || '');
    var el = found.element;
    if (!el) {
      return;
    }
    if (el.matches('input, textarea, select')) {
      el.scrollIntoView({behavior: 'smooth', block: 'center'});
      el.focus({preventScroll: true});
      if (found.exact && start !== null && end !== null && el.setSelectionRange && +start < +end
          && +end <= el.value.length) {
        el.setSelectionRange(+start, +end);
      }
      el.classList.add('review-highlight');
      return;
    }
    var text = el.firstChild;
    if (found.exact && start !== null && end !== null && el.childNodes.length === 1 && text.nodeType === 3
        && +end <= text.length && +start < +end) {
      var range = document.createRange();
      range.setStart(text, +start);
      range.setEnd(text, +end);
      var mark = document.createElement('mark');
      mark.className = 'review-mark';
      range.surroundContents(mark);
    }
    el.classList.add('review-highlight');
    el.scrollIntoView({behavior: 'smooth', block: 'center'});
  }

  // Only one primary contact: ticking one unticks the others.
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (box.matches && box.matches('[data-exclusive]') && box.checked) {
      var group = box.getAttribute('data-exclusive');
      document.querySelectorAll('[data-exclusive="' + group + '"]').forEach(function (other) {
        if (other !== box) {
          other.checked = false;
        }
      });
    }
    if (box.matches && box.matches('[data-kind-switch]')) {
      showKind(box.value);
    }
  });

  // Customer kind: show the identifier of the chosen kind (the server ignores the other one).
  function showKind(kind) {
    document.querySelectorAll('[data-kind]').forEach(function (section) {
      section.hidden = section.getAttribute('data-kind') !== kind;
    });
  }

  // A link to a closed <details> (terminate, renew) opens it: without this file the link still scrolls there.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-opens]');
    if (link) {
      var details = document.getElementById(link.getAttribute('data-opens'));
      if (details) {
        details.open = true;
      }
    }
  });

  function init() {
    var checked = document.querySelector('[data-kind-switch]:checked');
    if (checked) {
      showKind(checked.value);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
