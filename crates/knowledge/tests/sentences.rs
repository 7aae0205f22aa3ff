//! The gazetteer and the actor base, checked on sentences written like news.

use annalist_knowledge::{ActorBase, ActorKind, Gazetteer, PlaceRole};
use annalist_model::PlaceKind;

fn places(text: &str) -> Vec<(String, String, PlaceKind, PlaceRole, String)> {
    Gazetteer::builtin()
        .find_places(text)
        .into_iter()
        .map(|m| (m.span.slice(text).to_string(), m.place.country.clone(), m.place.kind, m.role, m.place.name))
        .collect()
}

fn actors(text: &str) -> Vec<(String, String)> {
    ActorBase::builtin().find_actors(text).into_iter().map(|m| (m.span.slice(text).to_string(), m.name)).collect()
}

#[test]
fn isis_k_claimed_a_bombing_in_kerman_iran() {
    let text = "ISIS-K claimed responsibility for a bomb attack in Kerman, Iran.";
    let a = actors(text);
    assert_eq!(a[0], ("ISIS-K".to_string(), "Islamic State Khorasan Province".to_string()));
    let p = places(text);
    assert_eq!(p[0].0, "Kerman");
    assert_eq!((p[0].1.as_str(), p[0].2), ("IR", PlaceKind::City));
    assert_eq!((p[1].0.as_str(), p[1].2), ("Iran", PlaceKind::Country));
}

#[test]
fn a_tajik_national_is_a_demonym_of_tajikistan() {
    let p = places("Police arrested a Tajik national and two Iranian officials spoke.");
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!((p[0].1.as_str(), p[0].3), ("TJ", PlaceRole::Demonym));
    assert_eq!((p[1].1.as_str(), p[1].3, p[1].2), ("IR", PlaceRole::Demonym, PlaceKind::Country));
}

#[test]
fn kerman_alone_is_the_city_and_kerman_province_the_region() {
    let p = places("The blasts struck Kerman. Officials in Kerman province said more would be done.");
    assert_eq!((p[0].4.as_str(), p[0].2), ("Kerman", PlaceKind::City));
    assert_eq!((p[1].4.as_str(), p[1].2), ("Kerman Province", PlaceKind::Region));
}

#[test]
fn the_shah_cheragh_shrine_is_a_site_in_shiraz_under_either_spelling() {
    for text in
        ["Gunmen attacked the Shah Cheragh shrine in Shiraz.", "Gunmen attacked the Shahcheragh shrine in Shiraz."]
    {
        let p = places(text);
        assert_eq!((p[0].4.as_str(), p[0].2, p[0].1.as_str()), ("Shah Cheragh", PlaceKind::Site, "IR"), "{text}");
        assert_eq!((p[1].4.as_str(), p[1].2), ("Shiraz", PlaceKind::City));
    }
}

#[test]
fn washington_is_the_us_capital_and_regions_resolve() {
    let p = places("Officials in Washington condemned the attack in Balochistan and Khyber Pakhtunkhwa.");
    assert_eq!((p[0].1.as_str(), p[0].2), ("US", PlaceKind::City));
    assert!(p[0].place_lat_is_dc());
    assert_eq!((p[1].4.as_str(), p[1].2, p[1].1.as_str()), ("Balochistan", PlaceKind::Region, "PK"));
    assert_eq!((p[2].4.as_str(), p[2].2), ("Khyber Pakhtunkhwa", PlaceKind::Region));
}

trait Dc {
    fn place_lat_is_dc(&self) -> bool;
}
impl Dc for (String, String, PlaceKind, PlaceRole, String) {
    fn place_lat_is_dc(&self) -> bool {
        let g = Gazetteer::builtin().find_places(&format!("in {}", self.0));
        g.first().and_then(|m| m.place.lat).is_some_and(|lat| (38.0..39.5).contains(&lat))
    }
}

#[test]
fn jalal_abad_uses_its_english_name() {
    let p = places("A border clash was reported near Jalal-Abad in Kyrgyzstan.");
    assert_eq!((p[0].4.as_str(), p[0].1.as_str()), ("Jalal-Abad", "KG"));
}

#[test]
fn ordinary_words_that_are_also_towns_are_not_places() {
    let p = places("Most of the victims were at the same Bar. Of those, Pride was the reason. Same as before.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn people_and_newspapers_named_after_cities_are_not_places() {
    let p = places("Michael Jackson told the Washington Post about Jackson Street.");
    assert!(p.iter().all(|x| x.0 != "Jackson" && x.0 != "Washington"), "{p:?}");
}

#[test]
fn a_given_name_that_is_a_towns_other_name_is_a_person_before_a_surname() {
    let p = places("Dzhokhar Tsarnaev was born in Kyrgyzstan; his family later moved to Grozny.");
    assert!(p.iter().all(|x| x.0 != "Dzhokhar"), "{p:?}");
    assert!(p.iter().any(|x| x.0 == "Grozny" && x.1 == "RU"), "{p:?}");
}

#[test]
fn a_state_after_a_comma_picks_the_right_town() {
    let p = places("A shooting in Paris, Texas left two dead.");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("Paris", "US"));
    let p = places("A shooting in Paris left two dead.");
    assert_eq!(p[0].1, "FR");
}

#[test]
fn a_name_before_a_region_and_country_is_a_locality_of_that_region() {
    let g = Gazetteer::builtin();
    let text = "Gunmen raided the village of Mbalgori, Yobe, Nigeria, on Sunday.";
    let m = g.find_places(text);
    let first = &m[0];
    assert_eq!(first.span.slice(text), "Mbalgori");
    assert_eq!((first.place.country.as_str(), first.place.kind), ("NG", PlaceKind::City));
    assert_eq!(first.place.lat, None, "the gazetteer does not know where it lies");
    assert_eq!(first.place.admin1, m[1].place.admin1, "it lies in Yobe");
    let p = places("Fighters burned Dunkassa village in Cabo Delgado, Mozambique.");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("Dunkassa", "MZ"));
    let p = places("Soldiers were ambushed in Tangari district, Yobe, Nigeria.");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("Tangari district", "NG"));
    // a town of the gazetteer in that region stays itself; a quarter, a street or a person is no locality
    let p = places("A bomb went off in Damaturu, Yobe, Nigeria.");
    assert_eq!((p[0].0.as_str(), p[0].4.as_str(), p[0].3), ("Damaturu", "Damaturu", PlaceRole::Location));
    assert!(g.find_places("A bomb went off in Damaturu, Yobe, Nigeria.")[0].place.lat.is_some());
    let p = places("Shells hit Kwaribe neighbourhood, Damaturu, Yobe, Nigeria.");
    assert_eq!(p[0].0, "Damaturu", "{p:?}");
    let p = places("Shells hit Kwaribe Street, Damaturu, Yobe, Nigeria.");
    assert_eq!(p[0].0, "Damaturu", "{p:?}");
    let p = places("Ahmed Musa, Nigeria's captain, scored twice.");
    assert!(p.iter().all(|x| x.0 != "Ahmed Musa"), "{p:?}");
}

#[test]
fn a_name_the_gazetteer_has_only_abroad_is_read_in_the_chains_country() {
    let p = places("A roadside bomb hit a convoy near Bristol, Borno, Nigeria.");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str(), p[0].2), ("Bristol", "NG", PlaceKind::City));
    // the longer name the text writes, not the part the gazetteer knows elsewhere
    let p = places("A mortar round fell on Kafr-Roum, Idlib, Syria.");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("Kafr-Roum", "SY"));
    let p = places("A mine exploded in Bir al-Qasr, Al Hasakah, Syria.");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("Bir al-Qasr", "SY"));
    assert_eq!((p[1].0.as_str(), p[1].4.as_str()), ("Al Hasakah", "Hasakah"));
    // "Police District 6" is a district of Kabul, not the Polish town of Police
    let p = places("A bomb exploded in Police District 6, Kabul, Afghanistan.");
    assert!(p.iter().all(|x| x.1 == "AF"), "{p:?}");
    // the bare name of "Delta State", qualified by its country
    let p = places("Kidnappers seized two engineers in Warri, Delta, Nigeria.");
    assert!(p.iter().any(|x| x.0 == "Delta" && x.1 == "NG" && x.2 == PlaceKind::Region), "{p:?}");
}

#[test]
fn the_khorasan_branch_is_found_under_its_descriptive_names_and_typographic_forms() {
    for text in [
        "the Islamic State’s Khorasan branch said",
        "the Islamic State's Khorasan branch said",
        "Islamic State–Khorasan fighters",
        "ISKP and IS-KP are one group",
        "IS-K's Tajik wing",
    ] {
        let a = actors(text);
        assert_eq!(a[0].1, "Islamic State Khorasan Province", "{text}");
    }
    let iskp = ActorBase::builtin().actor("iskp").unwrap();
    assert_eq!(iskp.parent.as_deref(), Some("is"));
}

#[test]
fn short_acronyms_match_only_in_capitals() {
    assert_eq!(actors("IS claimed the attack"), vec![("IS".into(), "Islamic State".into())]);
    assert!(actors("this is what it is; let us go").is_empty());
    assert_eq!(
        actors("The US blamed Iran.").iter().map(|a| a.1.as_str()).collect::<Vec<_>>(),
        ["United States", "Iran"]
    );
}

#[test]
fn longest_name_wins_and_state_forces_are_typed() {
    let a = ActorBase::builtin()
        .find_actors("Tehrik-e-Taliban Pakistan denied it; the Taliban and the IRGC's Quds Force did not.");
    let names: Vec<&str> = a.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Tehrik-e-Taliban Pakistan", "Taliban", "Islamic Revolutionary Guard Corps", "Quds Force"]);
    assert_eq!(a[2].kind, ActorKind::StateForce);
    assert_eq!(ActorBase::builtin().actor("irgc").and_then(|a| a.country.clone()).as_deref(), Some("IR"));
}

#[test]
fn lashkar_al_qaeda_hamas_hezbollah_houthis_are_known() {
    let text = "Lashkar-e-Jhangvi, al-Qaida, Hamas, Hizballah, Ansarullah and Daesh";
    let names: Vec<String> = actors(text).into_iter().map(|a| a.1).collect();
    assert_eq!(names, ["Lashkar-e-Jhangvi", "al-Qaeda", "Hamas", "Hezbollah", "Houthis", "Islamic State"]);
}

#[test]
fn countries_are_looked_up_by_code() {
    let g = Gazetteer::builtin();
    assert_eq!(g.country("ir").map(|c| c.name.as_str()), Some("Iran"));
    assert!(g.country("zz").is_none());
}

#[test]
fn any_input_is_answered_without_panicking() {
    for text in
        ["", " ", "’", "A", "Ü-", "...", "St. ", "ISIS-", "\u{0}\u{ffff}", "Kerman,", "İstanbul İİ", "ᾞᾞ Kerman ᾞ"]
    {
        let _ = Gazetteer::builtin().find_places(text);
        let _ = ActorBase::builtin().find_actors(text);
    }
}

#[test]
fn the_kerman_articles_name_kerman_iran_and_the_khorasan_branch() {
    let Some(dir) = annalist_testkit::shared("corpus/kerman-2024") else { return };
    let entries = std::fs::read_dir(dir).expect("the Kerman corpus is readable");
    for e in entries.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let p = Gazetteer::builtin().find_places(&text);
        assert!(p.iter().any(|m| m.place.name == "Kerman" && m.place.country == "IR"), "{:?}", e.path());
        assert!(p.iter().any(|m| m.place.name == "Iran"), "{:?}", e.path());
        let a = ActorBase::builtin().find_actors(&text);
        assert!(a.iter().any(|m| m.actor == "iskp" || m.actor == "is"), "{:?}", e.path());
    }
}

#[test]
fn cities_carry_the_english_names_news_uses() {
    let text = "Arrests followed in Cologne, raids near Kandahar and Herat, and shelling in Deir ez-Zor and Raqqa.";
    let names: Vec<String> = places(text).into_iter().map(|p| p.4).collect();
    assert_eq!(names, ["Cologne", "Kandahar", "Herat", "Deir ez-Zor", "Raqqa"]);
}

#[test]
fn every_parent_is_an_actor_and_every_country_a_known_code() {
    let base = ActorBase::builtin();
    assert!(base.actors().len() >= 200, "{}", base.actors().len());
    for a in base.actors() {
        if let Some(p) = &a.parent {
            assert!(base.actor(p).is_some(), "{}: parent {p} unknown", a.id);
        }
        if let Some(c) = &a.country {
            assert!(Gazetteer::builtin().country(c).is_some(), "{}: country {c} unknown", a.id);
        }
    }
}

#[test]
fn groups_on_the_terrorist_lists_are_found_by_their_common_names() {
    let text =
        "The Balochistan Liberation Army, Jaish al-Adl, Tren de Aragua, Boko Haram, JNIM and the Haqqani network.";
    let ids: Vec<String> = ActorBase::builtin().find_actors(text).into_iter().map(|m| m.actor).collect();
    assert_eq!(ids, ["bla", "jaish-al-adl", "tren-de-aragua", "boko", "jnim", "haqqani"]);
}

#[test]
fn random_text_of_mixed_scripts_and_punctuation_never_panics() {
    let alphabet: Vec<char> =
        "aZk K’'-.,;:()\n\t ÜéİıßŞ–—…\"“”ӘЖ中東ا١ ISISUS Kerman Paris, Texas St. D.C. Ky. al-".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        let mut text = String::new();
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let len = (state >> 58) as usize * 3;
        for _ in 0..len {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push(alphabet[(state >> 33) as usize % alphabet.len()]);
        }
        for m in Gazetteer::builtin().find_places(&text) {
            assert!(text.get(m.span.start..m.span.end).is_some_and(|s| !s.is_empty()), "{text:?}");
        }
        for m in ActorBase::builtin().find_actors(&text) {
            assert!(text.get(m.span.start..m.span.end).is_some_and(|s| !s.is_empty()), "{text:?}");
        }
    }
}

#[test]
fn syrian_and_palestinian_towns_in_the_news_keep_their_news_names() {
    let text = "Fighting in Kobani, Daraa and Qamishli; a raid in Jenin; strikes on Jabalia.";
    let names: Vec<String> = places(text).into_iter().map(|p| p.4).collect();
    assert_eq!(names, ["Kobani", "Daraa", "Qamishli", "Jenin", "Jabalia"]);
}

#[test]
fn descriptions_in_lower_case_are_not_names() {
    assert!(actors("an islamic group claimed it, citing the resistance front and the army of islam").is_empty());
    assert_eq!(actors("the Islamic Group claimed it")[0].1, "al-Gama'a al-Islamiyya");
    assert_eq!(actors("Al-Qaeda and al-Qaida")[1].1, "al-Qaeda");
}

#[test]
fn a_county_named_in_one_state_places_its_towns_there() {
    let p = places("Deputies from Rapides Parish said the fire in Alexandria was set on purpose.");
    let alexandria = p.iter().find(|m| m.4 == "Alexandria").expect("Alexandria is found");
    assert_eq!(alexandria.1, "US", "{p:?}");
    let p = places("The fire in Alexandria was set on purpose.");
    assert_eq!(p.iter().find(|m| m.4 == "Alexandria").map(|m| m.1.as_str()), Some("EG"), "{p:?}");
}

#[test]
fn a_province_after_its_city_is_the_province() {
    let p = places("The firm is based in Toronto, Ontario, and in Windsor.");
    let ontario = p.iter().find(|m| m.0 == "Ontario").expect("Ontario is found");
    assert_eq!((ontario.1.as_str(), ontario.2), ("CA", PlaceKind::Region), "{p:?}");
}

#[test]
fn a_towns_name_owning_a_term_of_office_is_a_person() {
    // Obama is a town in Japan, but not in a sentence about a president's terms
    let text = "Drone strikes rose during Obama's two terms. Later, Obama ordered a review of the strikes.";
    assert!(places(text).iter().all(|p| p.0 != "Obama"), "{:?}", places(text));
    // while the town standing alone is still read with a locative
    assert!(places("The ferry left from the port in Obama, Fukui.").iter().any(|p| p.0 == "Obama"));
}

#[test]
fn bagram_is_the_airfield_in_afghanistan() {
    let p = places("A suicide bomber struck near Bagram Air Base on Monday.");
    assert_eq!(p.first().map(|p| (p.4.as_str(), p.1.as_str())), Some(("Bagram Airfield", "AF")), "{p:?}");
}

#[test]
fn a_city_named_before_an_event_held_or_done_there_is_that_city() {
    // "boston" is also a word (a dance) and a given name, which alone needs a cue such as "in"
    for text in [
        "Two bombs went off near the finish line of the Boston Marathon.",
        "He was accused of carrying out the Boston Marathon bombing.",
        "a friend of the Boston bombing suspect",
        "The Boston bombs were packed into pressure cookers.",
    ] {
        let p = places(text);
        assert_eq!(p.len(), 1, "{text}: {p:?}");
        assert_eq!((p[0].0.as_str(), p[0].1.as_str(), p[0].2), ("Boston", "US", PlaceKind::City), "{text}");
    }
    // not an event, and not inside a sentence
    assert!(places("He was at the Boston Fair.").is_empty());
    assert!(places("Most attacks happen at night.").is_empty());
}

/// The first place of `text` whose span reads `surface`: (country, kind, name, lat).
fn place_of(text: &str, surface: &str) -> Option<(String, PlaceKind, String, f64)> {
    Gazetteer::builtin()
        .find_places(text)
        .into_iter()
        .find(|m| m.span.slice(text) == surface)
        .map(|m| (m.place.country, m.place.kind, m.place.name, m.place.lat.unwrap_or(f64::NAN)))
}

#[test]
fn chelsea_is_the_new_york_neighbourhood_where_the_text_names_new_york() {
    for text in [
        "A bomb went off in New York on Saturday night. The explosion in Chelsea injured 29 people.",
        "Prosecutors say he set off a bomb in Manhattan's Chelsea neighborhood on Sept. 17.",
        // A sentence glued to the one before by a lost space: "The" is no given name.
        "Police in New York were on alert Sunday.The Chelsea explosion occurred at 8:30 p.m.",
    ] {
        let (country, kind, name, lat) = place_of(text, "Chelsea").expect(text);
        assert_eq!((country.as_str(), kind, name.as_str()), ("US", PlaceKind::Site, "Chelsea"), "{text}");
        assert!((40.6..40.9).contains(&lat), "{text}: {lat}");
    }
}

#[test]
fn chelsea_elsewhere_keeps_its_own_senses() {
    // A London story: the London district, not the Manhattan one.
    let london = "Police in London said a man was stabbed in Chelsea late on Friday.";
    let (country, kind, _, _) = place_of(london, "Chelsea").expect(london);
    assert_eq!((country.as_str(), kind), ("GB", PlaceKind::City));
    // No city named: a town of that name, as before.
    let boston = "Officers searched a house in Chelsea, north of Boston.";
    let (country, kind, _, lat) = place_of(boston, "Chelsea").expect(boston);
    assert_eq!((country.as_str(), kind), ("US", PlaceKind::City));
    assert!((42.0..43.0).contains(&lat), "{lat}");
    // A neighbourhood's name is not strong enough to make a person's name a place.
    assert_eq!(place_of("Chelsea Clinton said on Monday she would attend.", "Chelsea"), None);
}

#[test]
fn a_neighbourhood_only_the_text_s_city_has_is_that_city_s() {
    let kabul = "A suicide bomber struck the Green Zone in Kabul on Tuesday.";
    assert_eq!(place_of(kabul, "Green Zone").map(|p| p.0), Some("AF".to_string()));
    let baghdad = "Rockets landed in the Green Zone, Baghdad police said.";
    assert_eq!(place_of(baghdad, "Green Zone").map(|p| p.0), Some("IQ".to_string()));
    // A name that means only neighbourhoods stays a place without its city.
    let karrada = "A car bomb exploded in Karrada on Sunday.";
    assert_eq!(place_of(karrada, "Karrada").map(|p| (p.0, p.1)), Some(("IQ".to_string(), PlaceKind::Site)));
}

#[test]
fn a_division_joined_to_a_town_by_a_hyphen_or_at_qualifies_it() {
    let madison = "He studied at the University of Wisconsin-Madison before the attack.";
    let (country, kind, _, lat) = place_of(madison, "Madison").expect(madison);
    assert_eq!((country.as_str(), kind), ("US", PlaceKind::City));
    assert!((42.5..43.5).contains(&lat), "{lat}");
    let berkeley = "She was a student at the University of California at Berkeley.";
    assert_eq!(place_of(berkeley, "Berkeley").map(|p| p.0), Some("US".to_string()));
    // The gazetteer has no Dartmouth in Massachusetts: no Dartmouth at all, not the Canadian one;
    // the state stays, and so does the name's later lone mention's silence.
    let dartmouth = "Two friends from the University of Massachusetts-Dartmouth were charged. \
                     They lived near the Dartmouth campus.";
    let found = places(dartmouth);
    assert!(found.iter().all(|p| p.1 != "CA"), "{found:?}");
    assert!(found.iter().any(|p| p.4 == "Massachusetts"), "{found:?}");
    // A pair of places is not a qualified town: "New York-Boston" is a route, "Israel-Gaza" a pair.
    let route = "The New York-Boston train was delayed.";
    assert_eq!(place_of(route, "Boston").map(|p| p.0), Some("US".to_string()));
    let road = "Traffic on the Kashmir-Srinagar highway stopped.";
    assert_eq!(place_of(road, "Srinagar").map(|p| p.0), Some("IN".to_string()));
    let war = "The Israel-Gaza war entered its second month.";
    assert_eq!(place_of(war, "Gaza").map(|p| p.0), Some("PS".to_string()));
}

#[test]
fn every_afghan_province_is_a_region() {
    let text = "in central Maidan Wardak province";
    assert_eq!(place_of(text, "Maidan Wardak province").map(|p| (p.0, p.1)), Some(("AF".into(), PlaceKind::Region)));
    for name in [
        "Badakhshan",
        "Badghis",
        "Baghlan Province",
        "Balkh",
        "Bamyan Province",
        "Daykundi",
        "Farah Province",
        "Faryab",
        "Ghazni Province",
        "Ghor",
        "Helmand",
        "Herat Province",
        "Jowzjan",
        "Kabul Province",
        "Kandahar Province",
        "Kapisa",
        "Khost Province",
        "Kunar",
        "Kunduz Province",
        "Laghman",
        "Logar",
        "Nangarhar",
        "Nimruz",
        "Nuristan",
        "Paktia",
        "Paktika",
        "Panjshir",
        "Parwan",
        "Samangan",
        "Sar-e Pol Province",
        "Takhar",
        "Uruzgan",
        "Wardak",
        "Zabul",
    ] {
        let text = format!("Fighting was reported in {name} on Monday.");
        assert_eq!(place_of(&text, name).map(|p| (p.0, p.1)), Some(("AF".into(), PlaceKind::Region)), "{name}");
    }
}

#[test]
fn governorates_and_states_of_conflict_news_are_regions() {
    for (text, surface, country) in [
        ("Clashes broke out in Dhi Qar province overnight.", "Dhi Qar province", "IQ"),
        ("Militants attacked a village in Niger State on Sunday.", "Niger State", "NG"),
        ("Gunmen killed 12 farmers in Benue.", "Benue", "NG"),
        ("Al-Shabaab fighters raided a base in Middle Shabelle.", "Middle Shabelle", "SO"),
        ("Airstrikes hit Saada province again.", "Saada province", "YE"),
        ("Jihadists attacked troops in the Centre-Nord region.", "Centre-Nord region", "BF"),
        ("Shelling was reported in Suwayda province.", "Suwayda province", "SY"),
    ] {
        assert_eq!(place_of(text, surface).map(|p| (p.0, p.1)), Some((country.into(), PlaceKind::Region)), "{text}");
    }
    // The country, not the state, when the name stands alone.
    assert_eq!(place_of("Troops in Niger said", "Niger").map(|p| p.1), Some(PlaceKind::Country));
}

#[test]
fn a_neighbourhood_of_the_story_s_city_beats_a_namesake_near_a_city_named_in_passing() {
    let text = "A bomb exploded in Chelsea on Saturday night, New York police said. Pressure cookers \
                were used in the bombs at the Boston Marathon in 2013.";
    let (country, kind, _, lat) = place_of(text, "Chelsea").expect(text);
    assert_eq!((country.as_str(), kind), ("US", PlaceKind::Site));
    assert!((40.6..40.9).contains(&lat), "{lat}");
}

#[test]
fn the_jersey_shore_is_in_new_jersey_not_the_channel_island() {
    let text = "A pipe bomb exploded in a Jersey Shore garbage can before a charity race.";
    assert_eq!(place_of(text, "Jersey Shore").map(|p| (p.0, p.1)), Some(("US".into(), PlaceKind::Region)));
    // The island alone is still the island.
    assert_eq!(place_of("Police in Jersey said.", "Jersey").map(|p| p.0), Some("JE".to_string()));
}

#[test]
fn a_town_s_name_once_a_person_s_stays_the_person_alone() {
    // "Dzhokhar" is another name of Grozny; "Obama" a town in Japan.
    let brothers = "Tamerlan and Dzhokhar Tsarnaev set off the bombs. Days later Dzhokhar was found hiding in a boat.";
    assert!(places(brothers).iter().all(|p| p.1 != "RU"), "{:?}", places(brothers));
    let president = "President Obama was briefed on the situation. Obama is scheduled to travel on Monday.";
    assert!(places(president).iter().all(|p| p.1 != "JP"), "{:?}", places(president));
    // A town's other name before an institution's name is no given name.
    let court = "A Paranaque court sentenced five men. Judge Suarez of the Paranaque Regional Trial Court spoke.";
    assert!(places(court).iter().any(|p| p.0 == "Paranaque"), "{:?}", places(court));
}

#[test]
fn a_name_that_is_also_a_word_before_a_towns_noun_inside_a_sentence_is_the_town() {
    let p = places("They carried the bombs to the Boston street near the finish line.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("Boston", "US"));
    // at a sentence's start the word stays a word
    assert!(places("Most residents fled the town.").is_empty());
}

#[test]
fn the_irish_party_is_no_german_town() {
    assert!(places("Sinn Féin said the bombing was wrong.").is_empty());
    assert!(places("a Sinn Fein councillor in Belfast").iter().all(|p| p.0 == "Belfast"));
}

#[test]
fn maidan_shahr_is_the_capital_of_wardak_and_nests_in_its_province() {
    let text = "President Ashraf Ghani's office in a statement said the enemies of the country had carried out \
                an attack against NDS personnel in Maidan Shahr.";
    let found = Gazetteer::builtin().find_places(text);
    let town = found.iter().find(|m| m.span.slice(text) == "Maidan Shahr").expect("Maidan Shahr is found");
    assert_eq!((town.place.country.as_str(), town.place.kind), ("AF", PlaceKind::City));
    let province = "Police in Maidan Wardak province said the road was closed.";
    let wardak = Gazetteer::builtin()
        .find_places(province)
        .into_iter()
        .find(|m| m.span.slice(province) == "Maidan Wardak province")
        .expect("the province is found");
    assert_eq!((wardak.place.name.as_str(), wardak.place.kind), ("Wardak", PlaceKind::Region));
    assert!(annalist_model::places_nested(&town.place, &wardak.place), "{:?} in {:?}", town.place, wardak.place);
    // Other spellings; and the capitals of Kapisa and Nuristan nest in their provinces too.
    for spelling in ["Maydan Shahr", "Meydan Shahr"] {
        let text = format!("A car bomb exploded in {spelling} on Sunday.");
        assert_eq!(
            place_of(&text, spelling).map(|p| (p.0, p.1, p.2)),
            Some(("AF".into(), PlaceKind::City, "Maidan Shahr".into()))
        );
    }
    for (town, region) in
        [("Mahmud-i-Raqi", "Kapisa"), ("Parun", "Nuristan"), ("Chaghcharan", "Ghor"), ("Sharana", "Paktika")]
    {
        let text = format!("Fighting in {town}, the capital of {region}, went on.");
        let found = Gazetteer::builtin().find_places(&text);
        let t = found.iter().find(|m| m.span.slice(&text) == town).unwrap_or_else(|| panic!("{town}: {found:?}"));
        let r = found.iter().find(|m| m.span.slice(&text) == region).unwrap_or_else(|| panic!("{region}: {found:?}"));
        assert_eq!((t.place.country.as_str(), t.place.kind), ("AF", PlaceKind::City), "{town}");
        assert!(annalist_model::places_nested(&t.place, &r.place), "{town} in {region}: {:?} {:?}", t.place, r.place);
    }
}
