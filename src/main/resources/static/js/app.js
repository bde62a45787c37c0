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
