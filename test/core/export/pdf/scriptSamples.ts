// One paragraph per script a person may type, as an incident would hold it, and a page for each
// drawn exactly as the report draws text (ReportWriter with the report's fonts).

import { PDFDocument } from 'pdf-lib';
import { settleTextLayers } from '../../../../src/core/export/pdf/drawLine';
import { embedFonts } from '../../../../src/core/export/pdf/embedFonts';
import { familiesFor } from '../../../../src/core/export/pdf/fontFamilies';
import { ReportWriter } from '../../../../src/core/export/pdf/layout';
import { fontFiles } from './scriptFonts';

export const SCRIPT_SAMPLES = {
  latin: 'Zażółć gęślą jaźń; Siân, ŵyr, ŷd; Nguyễn Thị Hằng; Ångström, naïve, São Paulo, İstanbul, Øre, Dvořák',
  greek: 'Με ακολούθησε ως το σπίτι μου στις 21:30 και είπε «θα ξανάρθω».',
  cyrillic: 'Він стежив за мною до дому о 21:30. Он сказал: «Я вернусь завтра».',
  arabic: 'تبعني إلى المنزل الساعة 9:30 مساءً، وقال إنه سيعود غداً.',
  urdu: 'وہ میرے گھر کے باہر کھڑا تھا اور کہا کہ وہ کل پھر آئے گا۔ یہ تیسری بار ہے۔',
  mixed: 'اس نے مجھے 15 پیغامات WhatsApp پر بھیجے، نمبر 07700 900123 سے، رات 11:45 بجے۔',
  // Left to right (it starts in Gurmukhi), though most of its letters are Urdu: PDF.js, which
  // guesses a line's direction from that share, must still read it as typed.
  panjabiUrdu: 'ਉਹ ਕੱਲ੍ਹ ਫਿਰ ਆਇਆ। وہ کل پھر آئے گا اور کہا کہ یہ ہے on WhatsApp again, call 07700 900123',
  hebrew: 'הוא עקב אחריי הביתה בשעה 21:30 ואמר שיחזור מחר.',
  gurmukhi: 'ਉਹ ਮੇਰੇ ਘਰ ਦੇ ਬਾਹਰ ਖੜ੍ਹਾ ਸੀ ਅਤੇ ਉਸਨੇ ਕਿਹਾ ਕਿ ਉਹ ਕੱਲ੍ਹ ਫਿਰ ਆਵੇਗਾ।',
  devanagari: 'वह मेरे घर के बाहर खड़ा था और उसने कहा कि वह कल फिर आएगा। क्षमा, श्रीमती',
  bengali: 'সে আমার বাড়ির বাইরে দাঁড়িয়ে ছিল এবং বলল যে সে কাল আবার আসবে।',
  gujarati: 'તે મારા ઘરની બહાર ઊભો હતો અને કહ્યું કે તે કાલે ફરી આવશે.',
  tamil: 'அவன் என் வீட்டுக்கு வெளியே நின்று கொண்டிருந்தான். நாளை வருவேன் என்றான்.',
  sinhala: 'ඔහු මගේ නිවස ඉදිරිපිට සිටගෙන සිටියේය. හෙට නැවත එන බව කීවේය.',
  thai: 'เขาตามฉันกลับบ้านเมื่อคืนนี้ และบอกว่าจะกลับมาอีกพรุ่งนี้',
  chinese: '他昨晚跟踪我回家，说他明天还会再来。',
  japanese: '彼は昨夜、私の家までついて来ました。',
  korean: '그는 어젯밤 나를 집까지 따라왔고 내일 다시 오겠다고 했다.',
  emoji: 'He sent 😂 then 👍 and 🔪 at 23:10',
} as const;

export type ScriptSample = keyof typeof SCRIPT_SAMPLES;
export const SAMPLE_NAMES = Object.keys(SCRIPT_SAMPLES) as ScriptSample[];

/** A PDF with one page per sample, in SAMPLE_NAMES order, each paragraph in the body style. */
export async function renderSamples(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const texts = Object.values(SCRIPT_SAMPLES);
  const { fonts, embedded } = await embedFonts(pdf, fontFiles(familiesFor(texts)));
  const writer = new ReportWriter(pdf, fonts);
  texts.forEach((text, index) => {
    if (index > 0) writer.newPage();
    // As an incident's text: in its own direction (its first strong character).
    writer.text(text, { dir: 'auto' });
    writer.gap(6);
    writer.text(text, { bold: true, dir: 'auto' });
  });
  settleTextLayers(writer.pages);
  for (const font of embedded) await font.finish();
  return pdf.save();
}
