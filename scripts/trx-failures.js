#!/usr/bin/env node
// Prints each failed test of the given .trx files with the first lines of its message, so the end of a CI log
// (often all that is kept) names what failed instead of only counting it.
'use strict';
const fs = require('fs');

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#xD;/g, '').replace(/&#xA;/g, '\n').replace(/&amp;/g, '&');
let count = 0;
for (const file of process.argv.slice(2)) {
  const xml = fs.readFileSync(file, 'utf8');
  const results = xml.split('<UnitTestResult ').slice(1);
  for (const result of results) {
    const head = result.slice(0, result.indexOf('>'));
    if (!/ outcome="Failed"/.test(head)) continue;
    count++;
    const name = decode((head.match(/testName="([^"]*)"/) || [, '?'])[1]);
    const message = decode((result.match(/<Message>([\s\S]*?)<\/Message>/) || [, ''])[1]).trim().split('\n').slice(0, 8);
    const where = decode((result.match(/<StackTrace>([\s\S]*?)<\/StackTrace>/) || [, ''])[1]).split('\n').map((l) => l.trim()).filter((l) => /Integration\.Tests\./.test(l)).slice(0, 2);
    console.log(`FAILED ${name}`);
    for (const line of [...message, ...where]) console.log(`    ${line}`);
  }
}
if (count > 0) console.log(`(${count} failed test${count === 1 ? '' : 's'} listed above; full output in TestResults/)`);
