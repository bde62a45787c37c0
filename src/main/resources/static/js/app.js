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
    var pointer = container.getAttribute('data-path');
    var pointerPattern = pointer ? new RegExp('^' + escapeRegExp(pointer) + '/\\d+') : null;
    container.querySelectorAll(':scope > [data-row]').forEach(function (row, index) {
      row.querySelectorAll('[name],[id],[for],[data-path]').forEach(function (el) {
        ['name', 'id', 'for'].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) {
            value = value.replace(pattern, path + '[' + index + ']');
            value = value.replace(idPattern, path.replace(/[\[\]]/g, '') + index);
            el.setAttribute(attr, value);
          }
        });
        if (pointerPattern && el.hasAttribute('data-path')) {
          el.setAttribute('data-path', el.getAttribute('data-path').replace(pointerPattern, pointer + '/' + index));
        }
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
      var onForm = document.getElementById('contract-form');
      if (opensForm && !onForm) {
        return;
      }
      event.preventDefault();
      if (onForm) {
        focusPath(go.getAttribute('data-path'), go.getAttribute('data-start'), go.getAttribute('data-end'));
      } else {
        showFinding(go.getAttribute('data-path'), go.getAttribute('data-start'), go.getAttribute('data-end'));
      }
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

  // Forms: every control carries data-path, the JSON pointer of the field it edits. A page opened with such a
  // pointer as its fragment (/contracts/{id}/edit#/terms/payment/deposit, from a review finding) or a link
  // of the error summary focuses that control; a pointer below a control (a line of a one-per-line textarea,
  // /terms/rightsAndObligations/provider/0) selects that line; one without its own control falls back to
  // the nearest enclosing one, then to the part's card.
  function controlFor(path) {
    var p = path;
    while (p) {
      var el = document.querySelector('form [data-path="' + CSS.escape(p) + '"]');
      if (el) {
        return {element: el, rest: path.substring(p.length)};
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    var segments = path.split('/');
    var part = document.getElementById('part-' + (segments[1] === 'terms' ? segments[2] : segments[1]));
    return part ? {element: part, rest: ''} : null;
  }

  function reveal(el) {
    for (var node = el.parentElement; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS' && !node.open) {
        node.open = true;
      }
      if (node.classList.contains('collapse') && !node.classList.contains('show')) {
        node.classList.add('show');
      }
      if (node.hidden) {
        node.hidden = false;
      }
    }
  }

  // start and end (a review finding's words within the line or field) narrow the selection to those words
  function focusPath(path, start, end) {
    var found = controlFor(path);
    if (!found) {
      return false;
    }
    var el = found.element;
    reveal(el);
    if (!el.matches('input, select, textarea, button, a[href]')) {
      el.setAttribute('tabindex', '-1');
    }
    el.scrollIntoView({block: 'center'});
    el.focus({preventScroll: true});
    var words = start !== null && start !== undefined && end !== null && end !== undefined && +start < +end;
    var line = /^\/(\d+)$/.exec(found.rest);
    if (line && el.tagName === 'TEXTAREA') {
      var lines = el.value.split('\n');
      var index = +line[1];
      if (index < lines.length) {
        var lineStart = lines.slice(0, index).join('\n').length + (index > 0 ? 1 : 0);
        if (words && +end <= lines[index].length) {
          el.setSelectionRange(lineStart + +start, lineStart + +end);
        } else {
          el.setSelectionRange(lineStart, lineStart + lines[index].length);
        }
      }
    } else if (!found.rest && words && el.setSelectionRange && +end <= el.value.length) {
      el.setSelectionRange(+start, +end);
    }
    el.classList.add('review-highlight');
    return true;
  }

  function fromFragment() {
    var hash = decodeURIComponent(window.location.hash || '');
    return hash.indexOf('#/') === 0 ? hash.substring(1) : null;
  }

  window.addEventListener('hashchange', function () {
    var path = fromFragment();
    if (path) {
      focusPath(path);
    }
  });

  // The error summary: each link names the part of the form and the field before its message
  // ("费用及支付方式 › 定金：不能为负数"), taken from the section's heading and the control's label.
  function fieldName(el) {
    if (el.id) {
      var label = document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
      if (label && !el.matches('[type=checkbox], [type=radio]')) {
        return label.textContent.replace(/\*.*$/, '').trim();
      }
    }
    if (el.getAttribute('aria-label')) {
      return el.getAttribute('aria-label');
    }
    var fieldset = el.closest('fieldset');
    var legend = fieldset && fieldset.querySelector('legend');
    return legend ? legend.textContent.trim() : '';
  }

  function labelSummary(summary) {
    var itemFormat = summary.getAttribute('data-item-format') || '{0}: {1}';
    var rowFormat = summary.getAttribute('data-row-format') || '{0}';
    summary.querySelectorAll('a[data-error-path]').forEach(function (link) {
      var path = link.getAttribute('data-error-path');
      var found = controlFor(path);
      if (!found) {
        return;
      }
      var names = [];
      var part = found.element.closest('section, fieldset.part');
      var heading = part && part.querySelector('h2, legend');
      if (heading && heading !== found.element) {
        names.push(heading.textContent.trim());
      }
      if (found.element.matches('input, select, textarea')) {
        var name = fieldName(found.element);
        var row = /\/(\d+)\/[^/]+$/.exec(path);
        if (row && found.element.closest('[data-row]')) {
          name += rowFormat.replace('{0}', +row[1] + 1);
        }
        if (name && names.indexOf(name) < 0) {
          names.push(name);
        }
      }
      if (names.length) {
        link.textContent = itemFormat.replace('{0}', names.join(' › ')).replace('{1}', link.getAttribute('data-message'));
      }
      link.fieldElement = found.element;
    });
    // in the order of the form, top to bottom
    var list = summary.querySelector('ul');
    var items = Array.prototype.slice.call(list.children);
    items.sort(function (a, b) {
      var x = a.querySelector('a') && a.querySelector('a').fieldElement;
      var y = b.querySelector('a') && b.querySelector('a').fieldElement;
      if (!x || !y || x === y) {
        return 0;
      }
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    items.forEach(function (item) { list.appendChild(item); });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-error-path]');
    if (link && focusPath(link.getAttribute('data-error-path'))) {
      event.preventDefault();
    }
  });

  // The customer picker: what is typed asks the server (debounced) for matching customers one may contract
  // with; arrow keys move through them, Enter or a click chooses, Escape closes. The hidden field holds the id.
  function setUpPicker(picker) {
    var search = picker.querySelector('[role=combobox]');
    var value = picker.querySelector('[data-picker-value]');
    var results = picker.querySelector('[role=listbox]');
    var chosen = picker.querySelector('#customer-chosen');
    var timer = null;
    var asked = 0;

    function options() {
      return Array.prototype.slice.call(results.querySelectorAll('[role=option]'));
    }

    function close() {
      results.hidden = true;
      search.setAttribute('aria-expanded', 'false');
      search.removeAttribute('aria-activedescendant');
    }

    function activate(index) {
      var all = options();
      all.forEach(function (o, i) {
        o.classList.toggle('active', i === index);
        o.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      if (all[index]) {
        search.setAttribute('aria-activedescendant', all[index].id);
        all[index].scrollIntoView({block: 'nearest'});
      }
    }

    function choose(option) {
      value.value = option.getAttribute('data-id');
      search.value = option.getAttribute('data-label');
      var detail = option.getAttribute('data-detail');
      if (chosen) {
        var label = option.getAttribute('data-label') + (detail ? ' · ' + detail : '');
        chosen.textContent = (chosen.getAttribute('data-format') || '{0}').replace('{0}', label);
      }
      search.classList.remove('is-invalid');
      close();
    }

    function ask() {
      var q = search.value.trim();
      if (!q) {
        results.innerHTML = '';
        close();
        return;
      }
      var mine = ++asked;
      fetch(picker.getAttribute('data-source') + '?q=' + encodeURIComponent(q),
          {headers: {'HX-Request': 'true'}, credentials: 'same-origin'})
        .then(function (response) { return response.ok ? response.text() : ''; })
        .then(function (html) {
          if (mine !== asked) {
            return; // an answer to an older question
          }
          results.innerHTML = html;
          var any = results.children.length > 0;
          results.hidden = !any;
          search.setAttribute('aria-expanded', any && options().length ? 'true' : 'false');
        });
    }

    search.addEventListener('input', function () {
      value.value = '';
      if (chosen) {
        chosen.textContent = '';
      }
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    search.addEventListener('keydown', function (event) {
      var all = options();
      var current = all.findIndex(function (o) { return o.classList.contains('active'); });
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (results.hidden && all.length) {
          results.hidden = false;
          search.setAttribute('aria-expanded', 'true');
        }
        var step = event.key === 'ArrowDown' ? 1 : -1;
        activate(all.length ? (current + step + all.length) % all.length : -1);
      } else if (event.key === 'Enter') {
        if (!results.hidden && all.length) {
          event.preventDefault(); // choosing, not submitting the form
          choose(all[current >= 0 ? current : 0]);
        }
      } else if (event.key === 'Escape') {
        close();
      }
    });
    results.addEventListener('mousedown', function (event) {
      event.preventDefault(); // keeps the focus in the search field
    });
    results.addEventListener('click', function (event) {
      var option = event.target.closest('[role=option]');
      if (option) {
        choose(option);
        search.focus();
      }
    });
    search.addEventListener('blur', function () {
      close();
    });
  }

  function init() {
    document.querySelectorAll('[data-customer-picker]').forEach(setUpPicker);
    var checked = document.querySelector('[data-kind-switch]:checked');
    if (checked) {
      showKind(checked.value);
    }
    var summary = document.getElementById('form-error-summary');
    if (summary) {
      labelSummary(summary);
    }
    var path = fromFragment();
    if (!(path && focusPath(path)) && summary) {
      summary.focus();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
