// Makes encrypted.xlsx: a tiny workbook saved with the password "segbench" (ECMA-376 agile
// encryption, as Excel does). Run: npm install xlsx-populate@1.21.0 && node make-encrypted.js
const XlsxPopulate = require("xlsx-populate");
XlsxPopulate.fromBlankAsync().then(workbook => {
    const sheet = workbook.sheet(0);
    sheet.cell("A1").value("id");
    sheet.cell("A2").value(1);
    return workbook.toFileAsync("./encrypted.xlsx", { password: "segbench" });
});
