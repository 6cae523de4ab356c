#include "social/preference_service.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "store/preference_store.h"
#include "store/social_records.h"

namespace atrium {
namespace {

// The stored names (account_preferences.name).
constexpr const char* kInterfaceLanguage = "interface_language";
constexpr const char* kPostingVisibility = "posting_visibility";
constexpr const char* kPostingSensitive = "posting_sensitive";
constexpr const char* kPostingLanguage = "posting_language";

constexpr size_t kMaxLanguageTag = 35;

// ISO 639-1, by code: the languages a post may be marked as written in
// (what /api/v1/instance/languages answers and source[language] accepts).
constexpr std::pair<const char*, const char*> kPostingLanguages[] = {
    {"aa", "Afar"},
    {"ab", "Abkhazian"},
    {"ae", "Avestan"},
    {"af", "Afrikaans"},
    {"ak", "Akan"},
    {"am", "Amharic"},
    {"an", "Aragonese"},
    {"ar", "Arabic"},
    {"as", "Assamese"},
    {"av", "Avaric"},
    {"ay", "Aymara"},
    {"az", "Azerbaijani"},
    {"ba", "Bashkir"},
    {"be", "Belarusian"},
    {"bg", "Bulgarian"},
    {"bi", "Bislama"},
    {"bm", "Bambara"},
    {"bn", "Bengali"},
    {"bo", "Tibetan"},
    {"br", "Breton"},
    {"bs", "Bosnian"},
    {"ca", "Catalan"},
    {"ce", "Chechen"},
    {"ch", "Chamorro"},
    {"co", "Corsican"},
    {"cr", "Cree"},
    {"cs", "Czech"},
    {"cu", "Church Slavic"},
    {"cv", "Chuvash"},
    {"cy", "Welsh"},
    {"da", "Danish"},
    {"de", "German"},
    {"dv", "Divehi"},
    {"dz", "Dzongkha"},
    {"ee", "Ewe"},
    {"el", "Greek"},
    {"en", "English"},
    {"eo", "Esperanto"},
    {"es", "Spanish"},
    {"et", "Estonian"},
    {"eu", "Basque"},
    {"fa", "Persian"},
    {"ff", "Fulah"},
    {"fi", "Finnish"},
    {"fj", "Fijian"},
    {"fo", "Faroese"},
    {"fr", "French"},
    {"fy", "Western Frisian"},
    {"ga", "Irish"},
    {"gd", "Scottish Gaelic"},
    {"gl", "Galician"},
    {"gn", "Guarani"},
    {"gu", "Gujarati"},
    {"gv", "Manx"},
    {"ha", "Hausa"},
    {"he", "Hebrew"},
    {"hi", "Hindi"},
    {"ho", "Hiri Motu"},
    {"hr", "Croatian"},
    {"ht", "Haitian"},
    {"hu", "Hungarian"},
    {"hy", "Armenian"},
    {"hz", "Herero"},
    {"ia", "Interlingua"},
    {"id", "Indonesian"},
    {"ie", "Interlingue"},
    {"ig", "Igbo"},
    {"ii", "Sichuan Yi"},
    {"ik", "Inupiaq"},
    {"io", "Ido"},
    {"is", "Icelandic"},
    {"it", "Italian"},
    {"iu", "Inuktitut"},
    {"ja", "Japanese"},
    {"jv", "Javanese"},
    {"ka", "Georgian"},
    {"kg", "Kongo"},
    {"ki", "Kikuyu"},
    {"kj", "Kuanyama"},
    {"kk", "Kazakh"},
    {"kl", "Kalaallisut"},
    {"km", "Khmer"},
    {"kn", "Kannada"},
    {"ko", "Korean"},
    {"kr", "Kanuri"},
    {"ks", "Kashmiri"},
    {"ku", "Kurdish"},
    {"kv", "Komi"},
    {"kw", "Cornish"},
    {"ky", "Kyrgyz"},
    {"la", "Latin"},
    {"lb", "Luxembourgish"},
    {"lg", "Ganda"},
    {"li", "Limburgish"},
    {"ln", "Lingala"},
    {"lo", "Lao"},
    {"lt", "Lithuanian"},
    {"lu", "Luba-Katanga"},
    {"lv", "Latvian"},
    {"mg", "Malagasy"},
    {"mh", "Marshallese"},
    {"mi", "Maori"},
    {"mk", "Macedonian"},
    {"ml", "Malayalam"},
    {"mn", "Mongolian"},
    {"mr", "Marathi"},
    {"ms", "Malay"},
    {"mt", "Maltese"},
    {"my", "Burmese"},
    {"na", "Nauru"},
    {"nb", "Norwegian Bokmål"},
    {"nd", "North Ndebele"},
    {"ne", "Nepali"},
    {"ng", "Ndonga"},
    {"nl", "Dutch"},
    {"nn", "Norwegian Nynorsk"},
    {"no", "Norwegian"},
    {"nr", "South Ndebele"},
    {"nv", "Navajo"},
    {"ny", "Chichewa"},
    {"oc", "Occitan"},
    {"oj", "Ojibwa"},
    {"om", "Oromo"},
    {"or", "Odia"},
    {"os", "Ossetian"},
    {"pa", "Punjabi"},
    {"pi", "Pali"},
    {"pl", "Polish"},
    {"ps", "Pashto"},
    {"pt", "Portuguese"},
    {"qu", "Quechua"},
    {"rm", "Romansh"},
    {"rn", "Rundi"},
    {"ro", "Romanian"},
    {"ru", "Russian"},
    {"rw", "Kinyarwanda"},
    {"sa", "Sanskrit"},
    {"sc", "Sardinian"},
    {"sd", "Sindhi"},
    {"se", "Northern Sami"},
    {"sg", "Sango"},
    {"si", "Sinhala"},
    {"sk", "Slovak"},
    {"sl", "Slovenian"},
    {"sm", "Samoan"},
    {"sn", "Shona"},
    {"so", "Somali"},
    {"sq", "Albanian"},
    {"sr", "Serbian"},
    {"ss", "Swati"},
    {"st", "Southern Sotho"},
    {"su", "Sundanese"},
    {"sv", "Swedish"},
    {"sw", "Swahili"},
    {"ta", "Tamil"},
    {"te", "Telugu"},
    {"tg", "Tajik"},
    {"th", "Thai"},
    {"ti", "Tigrinya"},
    {"tk", "Turkmen"},
    {"tl", "Tagalog"},
    {"tn", "Tswana"},
    {"to", "Tonga"},
    {"tr", "Turkish"},
    {"ts", "Tsonga"},
    {"tt", "Tatar"},
    {"tw", "Twi"},
    {"ty", "Tahitian"},
    {"ug", "Uyghur"},
    {"uk", "Ukrainian"},
    {"ur", "Urdu"},
    {"uz", "Uzbek"},
    {"ve", "Venda"},
    {"vi", "Vietnamese"},
    {"vo", "Volapük"},
    {"wa", "Walloon"},
    {"wo", "Wolof"},
    {"xh", "Xhosa"},
    {"yi", "Yiddish"},
    {"yo", "Yoruba"},
    {"za", "Zhuang"},
    {"zh", "Chinese"},
    {"zu", "Zulu"},
};

bool AllOf(std::string_view s, int (*pred)(int)) {
  return std::all_of(s.begin(), s.end(),
                     [pred](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

PreferenceService::PreferenceService(Store& store) : store_(OpenPreferenceStore(store)) {}
PreferenceService::~PreferenceService() = default;

std::optional<std::string> PreferenceService::CanonicalLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxLanguageTag) return std::nullopt;
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dash = tag.find('-', start);
    parts.push_back(tag.substr(start, dash == std::string_view::npos ? dash : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  // language [-script] [-region]
  if (parts.size() > 3) return std::nullopt;
  std::string_view language = parts[0];
  if (language.size() < 2 || language.size() > 3 || !AllOf(language, std::isalpha))
    return std::nullopt;
  std::string out = Lower(language);
  size_t i = 1;
  if (i < parts.size() && parts[i].size() == 4 && AllOf(parts[i], std::isalpha)) {
    std::string script = Lower(parts[i]);
    script[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(script[0])));
    out += "-" + script;
    ++i;
  }
  if (i < parts.size()) {
    std::string_view region = parts[i];
    const bool letters = region.size() == 2 && AllOf(region, std::isalpha);
    const bool digits = region.size() == 3 && AllOf(region, std::isdigit);
    if (!letters && !digits) return std::nullopt;
    out += "-" + Upper(region);
    ++i;
  }
  if (i != parts.size()) return std::nullopt;
  return out;
}

std::span<const std::pair<const char*, const char*>> PreferenceService::PostingLanguages() {
  return kPostingLanguages;
}

Result<MemberPreferences> PreferenceService::Of(int64_t account_id) {
  auto stored = store_->Get(account_id);
  if (!stored.ok()) return stored.status();
  MemberPreferences out;
  if (auto it = stored->find(kInterfaceLanguage); it != stored->end())
    out.interface_language = it->second;
  if (auto it = stored->find(kPostingVisibility); it != stored->end())
    out.posting_visibility = it->second;
  if (auto it = stored->find(kPostingSensitive); it != stored->end())
    out.posting_sensitive = it->second == "true";
  if (auto it = stored->find(kPostingLanguage); it != stored->end())
    out.posting_language = it->second;
  return out;
}

Result<MemberPreferences> PreferenceService::SetInterfaceLanguage(int64_t account_id,
                                                                  std::string_view language) {
  std::string value;
  if (!language.empty()) {
    auto tag = CanonicalLanguageTag(language);
    if (!tag)
      return Status::Unprocessable(
          "Validation failed: language is not a language tag",
          "language must be a BCP 47 language tag (a language of 2 or 3 letters, an optional "
          "script and region, e.g. de, ja, pt-BR; at most 35 characters) or empty to follow the "
          "browser");
    value = *tag;
  }
  if (Status s = store_->Set(account_id, {{kInterfaceLanguage, value}}); !s.ok()) return s;
  return Of(account_id);
}

Status PreferenceService::CheckPostingDefaults(const PostingDefaultsChange& change) {
  if (change.visibility) {
    auto v = ParseVisibility(*change.visibility);
    if (!v || *v == Visibility::kDirect)
      return Status::Unprocessable("Validation failed: source[privacy] is not a default visibility",
                                   "source[privacy] must be public, unlisted or private");
  }
  if (change.language && !change.language->empty()) {
    const auto langs = PostingLanguages();
    if (std::none_of(langs.begin(), langs.end(),
                     [&](const auto& l) { return *change.language == l.first; }))
      return Status::Unprocessable(
          "Validation failed: source[language] is not a language of this server",
          "source[language] must be an ISO 639-1 code listed by /api/v1/instance/languages, or "
          "empty");
  }
  return Status::Ok();
}

Result<MemberPreferences> PreferenceService::SetPostingDefaults(
    int64_t account_id, const PostingDefaultsChange& change) {
  if (Status s = CheckPostingDefaults(change); !s.ok()) return s;
  std::map<std::string, std::string> changes;
  // What is the default is not stored.
  if (change.visibility)
    changes[kPostingVisibility] = *change.visibility == "public" ? "" : *change.visibility;
  if (change.sensitive) changes[kPostingSensitive] = *change.sensitive ? "true" : "";
  if (change.language) changes[kPostingLanguage] = *change.language;
  if (!changes.empty())
    if (Status s = store_->Set(account_id, changes); !s.ok()) return s;
  return Of(account_id);
}

}  // namespace atrium
