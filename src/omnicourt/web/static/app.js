// Repeatable form rows (parties, claims): "添加" clones the row's <template>, "删除" removes a row.
document.addEventListener("click", (event) => {
  const add = event.target.closest("[data-add-row]");
  if (add) {
    const template = document.getElementById(add.dataset.addRow + "-template");
    const list = document.getElementById(add.dataset.addRow + "-rows");
    list.appendChild(template.content.cloneNode(true));
    list.lastElementChild.querySelector("input, select")?.focus();
    return;
  }
  const remove = event.target.closest("[data-remove-row]");
  if (remove) {
    const list = remove.closest("[id$='-rows']");
    remove.closest(".row-box").remove();
    list.dispatchEvent(new Event("input", { bubbles: true }));  // the live fee follows the claims
  }
});

// A refusal swapped into #flash (web/errors.py) may be far above the form that caused it: bring it into view.
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id === "flash") event.detail.target.scrollIntoView({ block: "nearest" });
});

// A print button: <button data-print> (no inline handlers: the Content-Security-Policy forbids them).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// A form whose address holds a field's value: <form data-action-template="/x/{field}/y"> (no inline onsubmit).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-action-template]");
  if (!form) return;
  form.action = form.dataset.actionTemplate.replace(/\{(\w+)\}/g,
    (_, name) => encodeURIComponent(form.elements[name].value));
});
